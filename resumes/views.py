"""The pages: sign-up, openings, an opening's upload page, a batch's ranked results, one candidate.

The pages only read, but for deleting a batch (a form, so that it works without JavaScript); what
they change after the first render (uploads, cancel, retry) goes through the JSON API in api.py. Pages
show the signed-in user's own openings and batches only: anyone else's is a 404, as in the API (staff
look at other people's work in the admin).
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from .deletion import BatchRunning, delete_batch, is_running
from .finding import Criteria, find, neighbours
from .forms import FindForm, OpeningForm
from .highlights import evidence_of, highlight
from .models import Batch, Opening
from .originals import has_original

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


class OwnBatchMixin(LoginRequiredMixin):
    """Limits a view to the signed-in user's batches (anyone else's: 404)."""

    pk_url_kwarg = "batch_id"
    context_object_name = "batch"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Batch.objects.select_related("opening"), pk=self.kwargs["batch_id"], owner=self.request.user
        )


class BatchPageView(OwnBatchMixin, DetailView):
    """A batch's files ranked by score; found by name, email, flag or skill, sorted; CSV, cancel, retry."""

    template_name = "resumes/batch.html"

    def get_context_data(self, **kwargs):
        ranked = self.object.ranked_resumes()
        find_form = FindForm(self.request.GET, ranked)
        criteria = find_form.criteria()
        query = self.request.GET.urlencode()
        return super().get_context_data(
            rows=find(ranked, criteria),
            find_form=find_form,
            criteria=criteria,
            query=f"?{query}" if query else "",
            finished=self.object.status in FINISHED,
            **kwargs,
        )


class CandidatePageView(OwnBatchMixin, DetailView):
    """One file of a batch: parsed fields, score, explanation, flags, the text with its evidence marked.

    Previous and next follow the batch page's order: the same query parameters give the same list.
    """

    template_name = "resumes/candidate.html"

    def get_context_data(self, **kwargs):
        resume = get_object_or_404(self.object.resumes, pk=self.kwargs["resume_id"])
        ranked = self.object.ranked_resumes()
        rows = find(ranked, FindForm(self.request.GET, ranked).criteria())
        query = self.request.GET.urlencode()
        if resume.pk not in {r.pk for _, r in rows}:
            rows, query = find(ranked, Criteria()), ""  # reached from elsewhere: the whole batch
        before, after = neighbours(rows, resume)
        rank = next(rank for rank, r in enumerate(ranked, start=1) if r.pk == resume.pk)
        parts = highlight(resume.text, evidence_of(resume))
        anchors = {skill: f"evidence-{n}" for n, (_, skill) in enumerate(parts) if skill}
        return super().get_context_data(
            resume=resume,
            rank=rank,
            previous=before,
            next=after,
            query=f"?{query}" if query else "",
            matched=[(skill, anchors.get(skill)) for skill in resume.matched_skills],
            text_parts=[(part, skill, anchors.get(skill)) for part, skill in parts],
            original=has_original(resume),
            **kwargs,
        )


class BatchDeleteView(OwnBatchMixin, DetailView):
    """Confirm, then delete a batch with its candidates' data; back to the opening's upload page."""

    template_name = "resumes/batch_delete.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(running=is_running(self.object), **kwargs)

    def post(self, request, *args, **kwargs):
        batch = self.get_object()
        try:
            deleted = delete_batch(batch)
        except BatchRunning:
            self.object = batch
            return self.render_to_response(self.get_context_data(), status=409)
        messages.success(request, f"Deleted the batch and its {deleted.files} files.")
        return redirect("resumes:upload-page", batch.opening_id)
