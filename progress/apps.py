from django.apps import AppConfig


class ProgressConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "progress"
    verbose_name = "Live progress"

    def ready(self):
        from . import recent_checks  # noqa: F401 (connects its logout receiver)
