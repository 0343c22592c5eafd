from flask_wtf import FlaskForm


class BindingCodeForm(FlaskForm):
    """An empty form: its button asks for a new binding code."""


class UnbindForm(FlaskForm):
    """An empty form: its button on the binding page removes the binding."""
