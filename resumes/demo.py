"""A demo of screening: a demo user with a fresh random password, an opening, and a batch of samples."""

import secrets
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File

from .intake import create_batch
from .models import Batch, Opening
from .screening.samples import write_samples

DEMO_OPENING = {
    "title": "Backend engineer (demo)",
    "description": "Builds and runs the services behind our product.",
    "required_skills": ["Python", "PostgreSQL", "Docker"],
    "preferred_skills": ["Kubernetes", "Amazon Web Services", "Redis"],
    "min_years": 3,
}


@dataclass
class Demo:
    """What `create_demo` made; `password` is the only copy of the demo user's new password."""

    user: object
    password: str
    opening: Opening
    batch: Batch


def create_demo(username="demo", count=12, seed=0):
    """Create (or reuse) the demo user with a new random password, an opening and a batch of samples.

    The batch's files are generated sample resumes (every layout), stored like uploads; the batch is
    not queued: pass it to `resumes.jobs.enqueue_batch`.
    """
    password = secrets.token_urlsafe(12)
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.set_password(password)
    user.save()
    opening = Opening.objects.create(owner=user, **DEMO_OPENING)
    with tempfile.TemporaryDirectory() as folder, ExitStack() as open_files:
        answers = write_samples(folder, count=count, seed=seed)
        uploads = [
            File(
                open_files.enter_context((Path(folder) / answer["filename"]).open("rb")),
                name=answer["filename"],
            )
            for answer in answers
        ]
        batch, _ = create_batch(user, opening, uploads)
    return Demo(user=user, password=password, opening=opening, batch=batch)
