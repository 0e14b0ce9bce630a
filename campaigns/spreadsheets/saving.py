"""Writing an import: bulk inserts and updates in batches, with history rows naming
the file and the person who imported it; a dry run writes nothing.
"""

from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from campaigns.models.choices import WorkflowStatusChoices
from campaigns.services.maintenance import tables_analyse_on_commit
from campaigns.services.publication import figures_changed
from campaigns.spreadsheets.bulk import insert_with_history


class Saving:
    """The write path of `CampaignResource`."""

    def save_instance(self, instance, is_create, row, **kwargs):
        if hasattr(instance, "status"):
            if is_create or instance.status != self.import_status:
                instance.status_changed_at = self.now
            instance.status = self.import_status
            instance.approved_at = None
        if hasattr(instance, "updated_at"):
            instance.updated_at = self.now
        if is_create and hasattr(instance, "created_at"):
            # Rows are inserted without save(), so auto_now_add is ours to set.
            instance.created_at = self.now
        super().save_instance(instance, is_create, row, **kwargs)

    # --- writing --------------------------------------------------------------------

    def change_reason(self) -> str:
        return _("Imported from the file %(name)s") % {"name": self.file_name or "?"}

    def bulk_create(
        self, using_transactions, dry_run, raise_errors, batch_size=None, result=None
    ):
        if not self.create_instances:
            return
        try:
            if not dry_run:
                self.before_bulk_create(self.create_instances)
                insert_with_history(
                    self._meta.model,
                    self.create_instances,
                    user=self.history_user(),
                    reason=self.change_reason(),
                    when=self.now,
                )
                self.after_bulk_save(self.create_instances, created=True)
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
        finally:
            self.create_instances.clear()

    def bulk_update(
        self, using_transactions, dry_run, raise_errors, batch_size=None, result=None
    ):
        if not self.update_instances:
            return
        try:
            if not dry_run:
                self.before_bulk_create(self.update_instances)
                bulk_update_with_history(
                    self.update_instances,
                    self._meta.model,
                    self.get_bulk_update_fields(),
                    # One UPDATE … CASE per 1,000 rows: larger ones get slow to plan.
                    batch_size=min(batch_size or 1000, 1000),
                    default_user=self.history_user(),
                    default_change_reason=self.change_reason(),
                    default_date=self.now,
                )
                self.after_bulk_save(self.update_instances, created=False)
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
        finally:
            self.update_instances.clear()

    def history_user(self):
        return self.user if getattr(self.user, "pk", None) else None

    def get_bulk_update_fields(self):
        names = set()
        for field in self.get_import_fields():
            if field.readonly or not field.attribute or "__" in field.attribute:
                continue
            try:
                names.add(self._meta.model._meta.get_field(field.attribute).name)
            except Exception:
                continue
        names |= set(self.extra_update_fields)
        model_fields = {f.name for f in self._meta.model._meta.concrete_fields}
        for name in ("status", "status_changed_at", "approved_at", "updated_at"):
            if name in model_fields:
                names.add(name)
        return sorted(names & model_fields)

    extra_update_fields: tuple[str, ...] = ()

    def before_bulk_create(self, instances) -> None:
        """Save what the instances point to (new households) before them."""

    def after_bulk_save(self, instances, *, created: bool) -> None:
        """Save what belongs to the saved instances (goal results)."""

    #: Models whose tables an import writes besides its own (goal results).
    also_written: tuple = ()

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if not kwargs.get("dry_run"):
            model = self._meta.model
            tables_analyse_on_commit(
                (model, *self.also_written, *history_models(model, *self.also_written)),
                rows=result.totals["new"] + result.totals["update"],
            )
        # Rows are written in bulk, without the signals that publish row-by-row saves.
        # Imports write drafts or submitted rows and refuse approved ones (checks.py),
        # so today nothing published changes and the cached figures stay.
        if (
            not kwargs.get("dry_run")
            and (result.totals["new"] or result.totals["update"])
            and self.import_status == WorkflowStatusChoices.APPROVED
        ):
            figures_changed()


def history_models(*models) -> tuple:
    """The django-simple-history tables of `models` that have one."""
    return tuple(model.history.model for model in models if hasattr(model, "history"))
