"""``python manage.py probe TARGET [--json] [--port N …] [--timeout S]`` (SPEC section 8).

Exit 0 when the server was probed (closed ports included), 2 when the target is
refused or not a target at all.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from wizard.probe import page_context, records, wording
from wizard.probe.core.config import PORTS
from wizard.probe.core.run import TargetRefused
from wizard.probe.core.targets import BadTarget
from wizard.web.isp_text import isp_text


class Command(BaseCommand):
    help = "Check a mail server's ports 587, 465 and 25 from this machine, as the web page does."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("target", help="host name, IP address or e-mail address")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")
        parser.add_argument(
            "--port",
            type=int,
            action="append",
            choices=PORTS,
            dest="ports",
            help="probe only this port (repeatable); default all three",
        )
        parser.add_argument("--timeout", type=float, help="overall deadline in seconds")
        parser.add_argument("--language", default="en", choices=("en", "ja"))

    def handle(self, *args: object, **options: object) -> None:
        with translation.override(str(options["language"])):
            self._probe(options)

    def _probe(self, options: dict) -> None:
        timeout = options.get("timeout")
        if timeout is not None and not 0 < timeout <= 120:
            raise CommandError("--timeout must be between 0 and 120 seconds", returncode=2)
        config = records.probe_config(deadline=timeout)
        try:
            report = records.prepare_report(str(options["target"]), config)
        except BadTarget as bad:
            raise CommandError(
                isp_text(wording.TARGET_PROBLEMS[bad.problem]), returncode=2
            ) from None
        except TargetRefused as refused:
            raise CommandError(page_context.refusal_text(refused.report), returncode=2) from None
        record = records.create_record(report)
        ports = tuple(options.get("ports") or PORTS)
        report = records.start_background_probe(record, report, config, ports).result()
        record.refresh_from_db()
        if options["json"]:
            data = page_context.report_json(
                report, record_id=record.pk, url=page_context.report_url(record)
            )
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        context = page_context.probe_context(record, absolute_report_url="")
        host = report.host or report.target
        self.stdout.write(f"{host} ({report.address})  {report.elapsed_ms} ms")
        for port in context["ports"]:
            self.stdout.write(f"  {port['symbol']} {port['port']:>3}  {port['label']}")
            if port["explanation"]:
                self.stdout.write(f"         {port['explanation']}")
        for item in context["advice"]:
            self.stdout.write(f"{item['symbol']} {item['text']}")
        self.stdout.write(f"report: {page_context.report_url(record)}")
