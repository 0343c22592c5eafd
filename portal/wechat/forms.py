from flask_wtf import FlaskForm


class ConfirmBindingForm(FlaskForm):
    """An empty form: its button binds the WeChat user WeChat just named to this account."""
