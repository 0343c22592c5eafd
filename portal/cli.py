"""Command-line tasks: `flask --app portal <command>`."""

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext


def register(app: Flask) -> None:
    for command in (
        demo_data_command,
        import_roster_command,
        remind_drafts_command,
        purge_drafts_command,
        send_reminders_command,
        jobs_command,
        wechat_menu_command,
    ):
        app.cli.add_command(command)


@click.command("demo-data")
@with_appcontext
def demo_data_command() -> None:
    """Load the demo regions, roster, institutions and staff accounts (development only)."""
    if not current_app.config["SHOW_DEMO_CREDENTIALS"]:
        raise click.ClickException("Demo data is for development only (CHANGHU_ENV=development).")
    from portal.demo_data import load_demo_data

    credentials = load_demo_data()
    click.echo("Demo data loaded. Staff console /staff/ accounts (development only):")
    for credential in credentials:
        line = f"  {credential.role.value:<10} {credential.username:<15} {credential.password}"
        if credential.totp_secret:
            line += f"  TOTP secret {credential.totp_secret}"
        click.echo(line)
    click.echo("  Current TOTP codes of the demo accounts: /staff/dev/codes")


@click.command("import-roster")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def import_roster_command(csv_file: Path) -> None:
    """Import the insured roster from CSV: name,id_number,region,insurance_type,enrolled_on
    and, optionally, name_ug (the name in Uyghur script)."""
    from flask_babel import force_locale

    from portal.people.roster import import_roster

    with force_locale("zh"):
        result = import_roster(csv_file.read_text(encoding="utf-8"))
    for problem in result.problems:
        click.echo(f"line {problem.line}: {problem.message}", err=True)
    if result.problems:
        raise click.ClickException(f"{len(result.problems)} problem(s); nothing was imported.")
    click.echo(f"Roster imported: {result.added} added, {result.updated} updated.")


@click.command("remind-drafts")
@with_appcontext
def remind_drafts_command() -> None:
    """Text the people whose unsent applications will be deleted within a week (run daily)."""
    from portal.apply.drafts import remind_expiring_drafts

    click.echo(f"Reminders sent: {remind_expiring_drafts()}")


@click.command("purge-drafts")
@with_appcontext
def purge_drafts_command() -> None:
    """Delete unsent applications past their 60 days (run daily)."""
    from portal.apply.drafts import purge_expired_drafts

    click.echo(f"Drafts deleted: {purge_expired_drafts()}")


@click.command("send-reminders")
@with_appcontext
def send_reminders_command() -> None:
    """Remind people 3 working days before their dates and alert staff to deadlines at risk
    (run daily; the jobs consumer does it at 09:00). Safe to run again: nothing is sent twice."""
    from portal.notifications.reminders import send_reminders

    sent = send_reminders()
    click.echo(
        "Reminders sent: " + (", ".join(f"{k} {v}" for k, v in sorted(sent.items())) or "none")
    )


@click.command("jobs")
@with_appcontext
def jobs_command() -> None:
    """Run the background jobs (WeChat replies, reminders, purges) until stopped."""
    from portal import jobs

    jobs.run_consumer(current_app.config["JOBS_WORKERS"])


@click.command("wechat-menu")
@click.option("--publish", is_flag=True, help="Send it to WeChat (else only print it).")
@click.option(
    "--base-url",
    envvar="CHANGHU_PUBLIC_URL",
    required=True,
    help="The portal's public address, for the menu's links (env CHANGHU_PUBLIC_URL).",
)
@with_appcontext
def wechat_menu_command(publish: bool, base_url: str) -> None:
    """Print the Official Account's menu (portal/wechat/menu.toml) as WeChat takes it."""
    import json

    from portal.wechat import client, menu

    with current_app.test_request_context(base_url=base_url):
        try:
            data = menu.wechat_menu()
        except menu.MenuError as error:
            raise click.ClickException(f"menu.toml: {error}") from error
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    if publish:
        try:
            client.publish_menu(data)
        except client.WeChatUnavailable as error:
            raise click.ClickException(f"WeChat refused the menu: {error.plain_words}") from error
        click.echo("Menu published.")
