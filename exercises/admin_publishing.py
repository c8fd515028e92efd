"""The editorial workflow in the admin, shared by every publishable model.

draft -> in review -> published (and back to draft, or archived). Anyone who may change an
item can submit it for review; only users with the model's ``publish_<model>`` permission may
publish, unpublish or archive it. Every bulk transition is written to the admin log.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError

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

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        may_publish = self.has_publish_permission(request)
        was = obj.status if obj is not None else None

        class WorkflowForm(form):
            def clean(self):
                cleaned = super().clean()
                status = cleaned.get("status")
                if status in {Status.PUBLISHED, Status.ARCHIVED} and status != was and not may_publish:
                    raise ValidationError(
                        {"status": "You can submit this for review; a reviewer or editor with the "
                                   "publish permission publishes or archives it."}
                    )  # fmt: skip
                return cleaned

        return WorkflowForm

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
