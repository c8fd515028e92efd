"""The editorial workflow in the admin, shared by every publishable model.

draft -> in review -> published (and back to draft, or archived). Anyone who may change an
item can submit it for review; only users with the model's ``publish_<model>`` permission may
publish, unpublish or archive it. Every bulk transition is written to the admin log.

Without the publish permission (the Writers group), saving a change to a live item sends it
back to review: nothing a writer types reaches the public before a reviewer has seen it.

Restoring a version from an item's History page (django-simple-history's form) goes through
the same form and the same checks. The status an editor may not change is judged against the
item as it is now, not as it was in the old version; a restored "published" version must
still meet the publishing requirements (steps, muscles...) of the item as it now stands; and
bringing back a deleted item needs the add permission and lands it as a draft.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from .publishing import Status
from .redirects import record_move


def publish_codename(model):
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


class PublishingAdminMixin:
    """Mix into a ModelAdmin of a Publishable model."""

    actions = ["submit_for_review", "publish", "unpublish", "archive"]
    delete_confirmation_template = "admin/delete_with_replacement.html"

    def delete_view(self, request, object_id, extra_context=None):
        options = self.model.objects.published().exclude(pk=object_id).order_by("pk")
        return super().delete_view(
            request, object_id, {**(extra_context or {}), "replacement_options": options}
        )

    def delete_model(self, request, obj):
        """Deleting can name a live replacement that the old address then redirects to."""
        old_url = obj.get_absolute_url()
        replacement = (
            self.model.objects.published().filter(pk=request.POST.get("replacement") or None).first()
        )
        super().delete_model(request, obj)
        if replacement is not None:
            record_move(old_url, replacement.get_absolute_url())
            self.message_user(request, f"Its old address now leads to “{replacement}”.", messages.INFO)

    def has_publish_permission(self, request):
        return request.user.has_perm(publish_codename(self.model))

    def stored_status(self, obj):
        """The status of ``obj`` as the database holds it now (None for a new or deleted item).

        The history form hands us an old version, whose status may differ from today's."""
        if obj is None or obj.pk is None:
            return None
        return self.model._default_manager.filter(pk=obj.pk).values_list("status", flat=True).first()

    @staticmethod
    def is_restore(request):
        match = getattr(request, "resolver_match", None)
        return bool(match and match.url_name and match.url_name.endswith("_simple_history"))

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Bringing back a deleted item is adding it: it needs the add permission."""
        deleted = not self.model._default_manager.filter(pk=object_id).exists()
        if request.method == "POST" and deleted and not self.has_add_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        may_publish = self.has_publish_permission(request)
        was = self.stored_status(obj)
        restoring = self.is_restore(request)
        deleted = restoring and was is None

        class WorkflowForm(form):
            def clean(self):
                cleaned = super().clean()
                status = cleaned.get("status")
                if deleted:
                    # A deleted item comes back as a draft, to be checked and published again.
                    cleaned["status"], cleaned["published_at"] = Status.DRAFT, None
                    return cleaned
                if status in {Status.PUBLISHED, Status.ARCHIVED} and status != was and not may_publish:
                    raise ValidationError(
                        {
                            "status": "You can submit this for review; a reviewer or editor with the "
                            "publish permission publishes or archives it."
                        }
                    )
                if not may_publish and was == Status.PUBLISHED:
                    # A writer's change to a live item waits for a reviewer.
                    cleaned["status"] = Status.IN_REVIEW
                elif restoring and status == Status.PUBLISHED:
                    # The history form has no inlines: check the parts the item has now.
                    problems = self.instance.publishing_problems()
                    if problems:
                        raise ValidationError({"status": " ".join(problems)})
                return cleaned

        return WorkflowForm

    def save_model(self, request, obj, form, change):
        sent_back = (
            change
            and not self.has_publish_permission(request)
            and (self.stored_status(obj) == Status.PUBLISHED and obj.status == Status.IN_REVIEW)
        )
        super().save_model(request, obj, form, change)
        if sent_back:
            self.message_user(
                request,
                "This item was live. Your change has sent it back to review: it is hidden from the "
                "public until a reviewer publishes it again.",
                messages.WARNING,
            )

    def _move(self, request, queryset, status, verb, *, check=False):
        moved, refused = 0, []
        for item in queryset.exclude(status=status):
            problems = item.publishing_problems() if check else []
            if problems:
                refused.append(f"{item}: {' '.join(problems)}")
                continue
            item.status = status
            item.save()
            self.log_change(request, item, f"{verb} (bulk action).")
            moved += 1
        if moved:
            self.message_user(request, f"{verb}: {moved} item(s).", messages.SUCCESS)
        for line in refused:
            self.message_user(request, f"Not published. {line}", messages.ERROR)

    @admin.action(description="Submit selected items for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._move(request, queryset.filter(status=Status.DRAFT), Status.IN_REVIEW, "Submitted for review")

    @admin.action(description="Publish selected items", permissions=["publish"])
    def publish(self, request, queryset):
        self._move(request, queryset, Status.PUBLISHED, "Published", check=True)

    @admin.action(description="Unpublish selected items (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._move(request, queryset.filter(status=Status.PUBLISHED), Status.DRAFT, "Moved back to draft")

    @admin.action(description="Archive selected items", permissions=["publish"])
    def archive(self, request, queryset):
        self._move(request, queryset, Status.ARCHIVED, "Archived")
