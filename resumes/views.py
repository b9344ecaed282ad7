"""The pages: sign-up, openings, an opening's upload page and a batch's ranked results.

The pages only read; everything they change after the first render (uploads, cancel, retry) goes through
the JSON API in api.py, called by the pages' scripts. Pages show the signed-in user's own openings and
batches only: anyone else's is a 404, as in the API (staff look at other people's work in the admin).
"""

from django.contrib.auth import login
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from .forms import FlagFilterForm, OpeningForm
from .models import Batch, Opening

RECENT_BATCHES = 10
FINISHED = (Batch.Status.COMPLETED, Batch.Status.CANCELLED, Batch.Status.FAILED)


class SignUpView(CreateView):
    """A new account from a user name and a password; signed in straight away."""

    form_class = UserCreationForm
    template_name = "registration/signup.html"
    success_url = reverse_lazy("resumes:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        login(self.request, self.object, backend="django.contrib.auth.backends.ModelBackend")
        return response


class OwnOpeningsMixin(LoginRequiredMixin):
    """Limits a view to the signed-in user's openings."""

    def get_queryset(self):
        return Opening.objects.filter(owner=self.request.user)


class OpeningListView(OwnOpeningsMixin, ListView):
    """The home page: the user's openings, newest first."""

    template_name = "resumes/opening_list.html"
    context_object_name = "openings"


class OpeningCreateView(OwnOpeningsMixin, CreateView):
    """A new opening; then straight to its upload page."""

    form_class = OpeningForm
    template_name = "resumes/opening_form.html"

    def form_valid(self, form):
        form.instance.owner = self.request.user
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("resumes:upload-page", args=[self.object.pk])


class OpeningUpdateView(OwnOpeningsMixin, UpdateView):
    """Edit an opening's title, description, skills and minimum years."""

    form_class = OpeningForm
    template_name = "resumes/opening_form.html"
    pk_url_kwarg = "opening_id"

    def get_success_url(self):
        return reverse("resumes:upload-page", args=[self.object.pk])


class UploadPageView(OwnOpeningsMixin, DetailView):
    """Upload resumes to an opening and watch the batch's live progress (upload.js does the work)."""

    template_name = "resumes/upload.html"
    pk_url_kwarg = "opening_id"
    context_object_name = "opening"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            recent_batches=self.object.batches.filter(owner=self.request.user)[:RECENT_BATCHES], **kwargs
        )


class BatchPageView(LoginRequiredMixin, DetailView):
    """A batch's files ranked by score, filtered by a flag, with CSV, cancel and retry."""

    template_name = "resumes/batch.html"
    pk_url_kwarg = "batch_id"
    context_object_name = "batch"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Batch.objects.select_related("opening"), pk=self.kwargs["batch_id"], owner=self.request.user
        )

    def get_context_data(self, **kwargs):
        ranked = self.object.ranked_resumes()
        filter_form = FlagFilterForm(self.request.GET, flags={f for r in ranked for f in r.flags})
        rows = [(rank, resume) for rank, resume in enumerate(ranked, start=1)]
        shown = {resume.pk for resume in filter_form.filter(ranked)}
        return super().get_context_data(
            rows=[(rank, resume) for rank, resume in rows if resume.pk in shown],
            filter_form=filter_form,
            finished=self.object.status in FINISHED,
            **kwargs,
        )
