"""The published list of designated care institutions (000:31(5), 002:20(4)): name, address,
phone and service types, with the district for filtering and the stars people gave them
(003:4(13))."""

from dataclasses import dataclass

from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Institution, InstitutionRating


@dataclass(frozen=True)
class Listed:
    institution: Institution
    average: float | None  # None: nobody has rated it yet
    count: int


def districts(region: str) -> list[tuple[str, str]]:
    """Each district of the region's institutions, with its Uyghur name where published."""
    rows = db.session.execute(
        select(Institution.district, func.max(Institution.district_ug))
        .where(Institution.region_code == region)
        .group_by(Institution.district)
        .order_by(Institution.district)
    )
    return [(district, district_ug or "") for district, district_ug in rows]


def directory(
    region: str, district: str | None = None, service_type: str | None = None
) -> list[Listed]:
    query = select(Institution).filter_by(region_code=region)
    if district:
        query = query.filter_by(district=district)
    found = [
        institution
        for institution in db.session.scalars(query.order_by(Institution.district, Institution.id))
        # A JSON list is searched the same way on SQLite and PostgreSQL only in Python.
        if service_type is None or service_type in institution.service_types
    ]
    ratings = ratings_of([i.id for i in found])
    return [Listed(i, *ratings.get(i.id, (None, 0))) for i in found]


def ratings_of(ids: list[int]) -> dict[int, tuple[float, int]]:
    if not ids:
        return {}
    rows = db.session.execute(
        select(
            InstitutionRating.institution_id,
            func.avg(InstitutionRating.stars),
            func.count(InstitutionRating.id),
        )
        .where(InstitutionRating.institution_id.in_(ids))
        .group_by(InstitutionRating.institution_id)
    )
    return {
        institution_id: (round(float(average), 1), int(count))
        for institution_id, average, count in rows
    }


def offering(region: str, service_type: str) -> list[Institution]:
    return [listed.institution for listed in directory(region, service_type=service_type)]
