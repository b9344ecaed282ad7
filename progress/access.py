"""Who may read or delete whose progress (docs/api.md, "Progress")."""

from django.contrib.auth import get_user_model

from . import responses
from .ids import parse_id


def check_progress_access(user, user_id):
    """Return an error response if `user` may not touch the progress of `user_id`, else None.

    Anonymous: 401. A malformed id: 404. A normal user and any id but their own: 403, whether or not that
    user exists, so ids cannot be probed. Staff and an id that does not exist: 404.
    """
    if not user.is_authenticated:
        return responses.not_authenticated()
    pk = parse_id(user_id)
    if pk is None:
        return responses.not_found("Malformed user id.")
    if user.pk == pk:
        return None
    if not user.is_staff:
        return responses.forbidden()
    if not get_user_model().objects.filter(pk=pk).exists():
        return responses.not_found()
    return None


def check_staff(user):
    """Return an error response unless `user` is staff."""
    if not user.is_authenticated:
        return responses.not_authenticated()
    if not user.is_staff:
        return responses.forbidden("Staff only.")
    return None
