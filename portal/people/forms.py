from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from portal import id_numbers
from portal.models import ActingAs, Relation

RELATION_LABELS = {
    Relation.SELF: _l("我本人就是参保人"),
    Relation.SPOUSE: _l("配偶（老伴）"),
    Relation.CHILD: _l("子女"),
    Relation.OTHER_RELATIVE: _l("其他亲属"),
    Relation.CARER: _l("雇佣的护理员"),
    Relation.OTHER: _l("其他人"),
}
RELATION_ICONS = {
    Relation.SELF: "person",
    Relation.SPOUSE: "couple",
    Relation.CHILD: "family",
    Relation.OTHER_RELATIVE: "family",
    Relation.CARER: "carer",
    Relation.OTHER: "person",
}


class WhoForm(FlaskForm):
    name = StringField(
        _l("参保人的姓名"),
        validators=[
            InputRequired(_l("请填写参保人的姓名，和身份证上一样。")),
            Length(max=64, message=_l("姓名太长了，请检查。")),
        ],
        filters=[lambda value: value.strip() if value else value],
    )
    id_number = StringField(
        _l("参保人的身份证号码"),
        validators=[InputRequired(_l("请填写参保人的 18 位身份证号码。"))],
        filters=[lambda value: id_numbers.normalise(value) if value else value],
    )

    def validate_id_number(self, field: StringField) -> None:
        value = field.data or ""
        if not id_numbers.has_valid_shape(value):
            raise ValidationError(
                _l("身份证号码是 18 位：前 17 位是数字，最后一位是数字或 X。请再核对一下。")
            )
        if not id_numbers.is_valid(value):
            raise ValidationError(
                _l("这个身份证号码不对，可能有一位输错了。请对照身份证再核对一遍。")
            )


class RelationForm(FlaskForm):
    relation = RadioField(
        _l("您和这位参保人是什么关系？"),
        choices=[
            SelectChoice(relation.value, label) for relation, label in RELATION_LABELS.items()
        ],
        validators=[InputRequired(_l("请选择您和参保人的关系。"))],
    )


ACTING_AS_LABELS = {
    ActingAs.GUARDIAN: _l("我是参保人的监护人"),
    ActingAs.AGENT: _l("参保人委托我代办（委托代理人）"),
}
ACTING_AS_HINTS = {
    ActingAs.GUARDIAN: _l("参保人自己不能做决定（例如失智），由您依法照管。不用交委托书。"),
    ActingAs.AGENT: _l("参保人自己能做决定，请您替他办理。要交参保人签字的委托书。"),
}


class ActingAsForm(FlaskForm):
    acting_as = RadioField(
        _l("您以什么身份为参保人办理？"),
        choices=[SelectChoice(kind.value, label) for kind, label in ACTING_AS_LABELS.items()],
        validators=[InputRequired(_l("请选择您是监护人，还是受参保人委托代办。"))],
    )


class PowerOfAttorneyForm(FlaskForm):
    document = FileField(_l("委托授权书"))
