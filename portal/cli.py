"""Command-line tasks: `flask --app portal demo-data`."""

import click
from flask import Flask, current_app
from flask.cli import with_appcontext


def register(app: Flask) -> None:
    app.cli.add_command(demo_data_command)


@click.command("demo-data")
@with_appcontext
def demo_data_command() -> None:
    """Load the demo regions, roster, institutions and staff accounts (development only)."""
    if not current_app.config["SHOW_DEMO_CREDENTIALS"]:
        raise click.ClickException("Demo data is for development only (CHANGHU_ENV=development).")
    from portal.demo_data import load_demo_data

    credentials = load_demo_data()
    click.echo("Demo data loaded. Staff accounts (development only):")
    for credential in credentials:
        click.echo(f"  {credential.role.value:<10} {credential.username:<14} {credential.password}")
