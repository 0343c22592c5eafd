"""Extensions are created here and bound to an app in create_app()."""

from flask_babel import Babel
from flask_htmx import HTMX
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Model(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Model)
migrate = Migrate()
babel = Babel()
csrf = CSRFProtect()
htmx = HTMX()
