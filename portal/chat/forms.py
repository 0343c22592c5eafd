from flask_wtf import FlaskForm


class BindingCodeForm(FlaskForm):
    """An empty form: its button asks for a new binding code."""


class UnbindForm(FlaskForm):
    """An empty form: its button confirms removing the binding, which cannot be undone."""
