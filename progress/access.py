"""Who may read or delete whose progress (DESIGN 4)."""

from django.contrib.auth import get_user_model

from . import responses


def check_progress_access(user, user_id):
    """Return an error response if `user` may not touch the progress of `user_id`, else None.

    Anonymous: 401. A malformed id: 404. A normal user and any id but their own: 403, whether or not that
    user exists, so ids cannot be probed. Staff and an id that does not exist: 404.
    """
    if not user.is_authenticated:
        return responses.not_authenticated()
    if not (user_id.isascii() and user_id.isdigit()) or user_id != str(int(user_id)):
        return responses.not_found("Malformed user id.")
    if str(user.pk) == user_id:
        return None
    if not user.is_staff:
        return responses.forbidden()
    if not get_user_model().objects.filter(pk=int(user_id)).exists():
        return responses.not_found()
    return None


def check_staff(user):
    """Return an error response unless `user` is staff."""
    if not user.is_authenticated:
        return responses.not_authenticated()
    if not user.is_staff:
        return responses.forbidden("Staff only.")
    return None
