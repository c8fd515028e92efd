"""The editorial roles, set up by data migrations (one per app, for that app's models).

Writers add and change content and submit it for review, but cannot publish: a change a
writer saves to a live item sends it back to review (see admin_publishing.py). Editors add,
change and publish content. Reviewers change content and publish (approve) it. No group has
any permission over users, groups or site settings, nor to delete content.
The rows that make up one piece of content (an exercise's steps, a session's exercises) are
"parts": both groups may add, change and remove them, since that is how content is edited.
"""

WRITERS = "Writers"
EDITORS = "Editors"
REVIEWERS = "Reviewers"


def grant(apps, app_label, model_names, publishable, parts=()):
    """Give both groups their permissions on ``model_names`` of ``app_label``.

    ``apps`` is the migration's historical app registry. Permissions are created first,
    since on a fresh database Django creates them only after all migrations have run.
    """
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config(app_label)
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    for model in model_names:
        codenames = {
            "editors": [f"add_{model}", f"change_{model}", f"view_{model}"],
            "reviewers": [f"change_{model}", f"view_{model}"],
        }
        if model in publishable:
            codenames["editors"].append(f"publish_{model}")
            codenames["reviewers"].append(f"publish_{model}")
        if model in parts:
            whole = [f"add_{model}", f"change_{model}", f"delete_{model}", f"view_{model}"]
            codenames = {"editors": whole, "reviewers": whole}
        for group, names in ((editors, codenames["editors"]), (reviewers, codenames["reviewers"])):
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label=app_label, codename__in=names)
            )


def revoke(apps, app_label, model_names=None):
    """Undo ``grant`` for one app (or only its ``model_names``); drop groups left empty."""
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=[EDITORS, REVIEWERS]):
        granted = group.permissions.filter(content_type__app_label=app_label)
        if model_names is not None:
            granted = granted.filter(content_type__model__in=model_names)
        group.permissions.remove(*granted)
        if not group.permissions.exists():
            group.delete()


def grant_writers(apps, app_label, model_names, parts=()):
    """Give Writers add, change and view on ``model_names`` (and delete on ``parts``), never
    publish. ``apps`` is the migration's historical app registry."""
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config(app_label)
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    writers, _ = Group.objects.get_or_create(name=WRITERS)
    codenames = [f"{action}_{model}" for model in model_names for action in ("add", "change", "view")]
    codenames += [f"delete_{model}" for model in parts]
    writers.permissions.add(
        *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )


def revoke_writers(apps, app_label):
    """Undo ``grant_writers`` for one app; drop the group once it holds nothing."""
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=WRITERS):
        group.permissions.remove(*group.permissions.filter(content_type__app_label=app_label))
        if not group.permissions.exists():
            group.delete()
