# Issue 16: households' consent to be named on the fund's public notice, and the
# ward fund's recorded opening balance and transfers between fund levels.

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models


# A frozen copy of what campaigns.access.roles gives each role on the new model
# (issue 16): a ward data model with a workflow.
NEW_MODEL = "fundbalanceentry"
ALL_DATA = ("add", "change", "delete", "view", "import", "export")
GRANTS = {
    "city_staff": ALL_DATA + ("approve",),
    "ward_staff": ALL_DATA,
    "leaders": ("view", "export"),
    "ward_approvers": ("view", "export", "approve"),
    "province_readers": ("view", "export"),
}


def grant_permissions(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, actions in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="campaigns",
                codename__in=[f"{action}_{NEW_MODEL}" for action in actions],
            )
        )


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0019_issue16_report_template'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalhousehold',
            name='publication_consent',
            field=models.BooleanField(default=False, verbose_name="agrees to be named on the fund's public notice"),
        ),
        migrations.AddField(
            model_name='historicalhousehold',
            name='publication_consent_date',
            field=models.DateField(blank=True, null=True, verbose_name='date of consent'),
        ),
        migrations.AddField(
            model_name='historicalhousehold',
            name='publication_consent_record',
            field=models.CharField(blank=True, help_text='Where the signed consent is kept, e.g. its number or file.', max_length=100, verbose_name='consent record'),
        ),
        migrations.AddField(
            model_name='household',
            name='publication_consent',
            field=models.BooleanField(default=False, verbose_name="agrees to be named on the fund's public notice"),
        ),
        migrations.AddField(
            model_name='household',
            name='publication_consent_date',
            field=models.DateField(blank=True, null=True, verbose_name='date of consent'),
        ),
        migrations.AddField(
            model_name='household',
            name='publication_consent_record',
            field=models.CharField(blank=True, help_text='Where the signed consent is kept, e.g. its number or file.', max_length=100, verbose_name='consent record'),
        ),
        migrations.CreateModel(
            name='HistoricalFundBalanceEntry',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated at')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('approved', 'Approved'), ('returned', 'Returned')], db_index=True, default='draft', max_length=10, verbose_name='status')),
                ('status_reason', models.TextField(blank=True, help_text='Why the record was returned or reopened.', verbose_name='reason for the status')),
                ('status_changed_at', models.DateTimeField(blank=True, null=True, verbose_name='status changed at')),
                ('approved_at', models.DateTimeField(blank=True, null=True, verbose_name='approved at')),
                ('is_demo', models.BooleanField(default=False, editable=False, help_text='Made up by seed_demo for demonstration; not real campaign data.', verbose_name='demo data')),
                ('date', models.DateField(verbose_name='date')),
                ('kind', models.CharField(choices=[('opening', 'Opening balance (recorded)'), ('transfer_in', 'Received from another fund level'), ('transfer_out', 'Transferred to another fund level')], max_length=12, verbose_name='kind')),
                ('amount', models.PositiveBigIntegerField(verbose_name='amount (VND)')),
                ('counterpart', models.CharField(blank=True, help_text='For a transfer: the fund the money came from or went to.', max_length=255, verbose_name='other fund')),
                ('document_number', models.CharField(blank=True, max_length=50, verbose_name='document number')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('approved_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='approved by')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('submitted_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='submitted by')),
                ('ward', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='campaigns.ward', verbose_name='ward or commune')),
            ],
            options={
                'verbose_name': 'historical fund balance entry',
                'verbose_name_plural': 'historical fund balance entries',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='FundBalanceEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('approved', 'Approved'), ('returned', 'Returned')], db_index=True, default='draft', max_length=10, verbose_name='status')),
                ('status_reason', models.TextField(blank=True, help_text='Why the record was returned or reopened.', verbose_name='reason for the status')),
                ('status_changed_at', models.DateTimeField(blank=True, null=True, verbose_name='status changed at')),
                ('approved_at', models.DateTimeField(blank=True, null=True, verbose_name='approved at')),
                ('is_demo', models.BooleanField(default=False, editable=False, help_text='Made up by seed_demo for demonstration; not real campaign data.', verbose_name='demo data')),
                ('date', models.DateField(verbose_name='date')),
                ('kind', models.CharField(choices=[('opening', 'Opening balance (recorded)'), ('transfer_in', 'Received from another fund level'), ('transfer_out', 'Transferred to another fund level')], max_length=12, verbose_name='kind')),
                ('amount', models.PositiveBigIntegerField(verbose_name='amount (VND)')),
                ('counterpart', models.CharField(blank=True, help_text='For a transfer: the fund the money came from or went to.', max_length=255, verbose_name='other fund')),
                ('document_number', models.CharField(blank=True, max_length=50, verbose_name='document number')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('approved_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='approved by')),
                ('submitted_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='submitted by')),
                ('ward', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='fund_balance_entries', to='campaigns.ward', verbose_name='ward or commune')),
            ],
            options={
                'verbose_name': 'fund balance entry',
                'verbose_name_plural': 'fund balance entries',
                'ordering': ['-date', '-id'],
                'default_permissions': ('add', 'change', 'delete', 'view', 'import', 'export', 'approve'),
                'constraints': [models.UniqueConstraint(condition=models.Q(('kind', 'opening')), fields=('ward', 'date'), name='fund_opening_once_per_ward_date', violation_error_message='This fund already has an opening balance on this date.')],
            },
        ),
        migrations.RunPython(grant_permissions, migrations.RunPython.noop),
    ]
