"""The probe's reports, in the table they have always had.

Until December 2026 the model belonged to the app labelled ``wizard`` (its
migrations 0001 and 0002 made ``wizard_proberecord``). This migration takes it
over: the model enters the state of ``probe`` without a database operation,
and the table is created only where it does not exist yet, so a database made
before the move keeps its reports and a fresh one gets the same table.
Unapplying it leaves the table (and its reports) where it is.
"""

from django.db import migrations, models

import wizard.probe.models


def create_table_unless_present(apps, schema_editor):
    model = apps.get_model("probe", "ProbeRecord")
    if model._meta.db_table not in schema_editor.connection.introspection.table_names():
        schema_editor.create_model(model)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ProbeRecord",
                    fields=[
                        (
                            "id",
                            models.CharField(
                                default=wizard.probe.models.new_report_id,
                                editable=False,
                                max_length=32,
                                primary_key=True,
                                serialize=False,
                            ),
                        ),
                        ("target", models.CharField(max_length=254)),
                        (
                            "status",
                            models.CharField(
                                choices=[("running", "Running"), ("done", "Done")],
                                default="running",
                                max_length=16,
                            ),
                        ),
                        ("report", models.JSONField(default=dict)),
                        ("answers", models.CharField(blank=True, default="", max_length=512)),
                        ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                        ("expires_at", models.DateTimeField(db_index=True)),
                    ],
                    options={"db_table": "wizard_proberecord", "ordering": ("-created_at",)},
                ),
            ],
        ),
        # Going back keeps the table: it may hold reports from before this migration.
        migrations.RunPython(create_table_unless_present, migrations.RunPython.noop),
    ]
