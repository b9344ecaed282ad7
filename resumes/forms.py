"""Forms that validate openings (for the JSON API and the pages) and filter a batch's results."""

from django import forms

from .finding import SORTS, Criteria
from .models import Opening


class SkillListField(forms.Field):
    """A list of skills, given as a JSON list or a comma-separated string."""

    def to_python(self, value):
        if value in (None, ""):
            return []
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise forms.ValidationError("Give skills as a list of strings.")
        skills = [item.strip() for item in value if item.strip()]
        if any(len(skill) > 100 for skill in skills) or len(skills) > 100:
            raise forms.ValidationError("At most 100 skills of at most 100 characters each.")
        return skills

    def prepare_value(self, value):
        # A stored list is shown in a text input as the same comma-separated text it was typed as.
        return ", ".join(value) if isinstance(value, list) else value


class OpeningForm(forms.ModelForm):
    required_skills = SkillListField(required=False, help_text="Comma-separated, e.g. Python, PostgreSQL")
    preferred_skills = SkillListField(required=False, help_text="Comma-separated, e.g. Docker, AWS")
    min_years = forms.FloatField(min_value=0, max_value=60, required=False, label="Minimum years")

    class Meta:
        model = Opening
        fields = ["title", "description", "required_skills", "preferred_skills", "min_years"]

    def clean_min_years(self):
        return self.cleaned_data.get("min_years") or 0


class FindForm(forms.Form):
    """The batch page's search: text in a name or email, a flag, a matched or a missing skill, a sort.

    The choices are what the batch's files carry. A value that is not a choice (an old link, a typo in
    the URL) is ignored on its own: the other criteria still apply.
    """

    q = forms.CharField(required=False, max_length=200, label="Name or email")
    flag = forms.ChoiceField(required=False, label="Flag")
    skill = forms.ChoiceField(required=False, label="Has skill")
    missing = forms.ChoiceField(required=False, label="Missing skill")
    sort = forms.ChoiceField(required=False, label="Sort by", choices=list(SORTS.items()))

    def __init__(self, data, resumes):
        super().__init__(data)
        resumes = list(resumes)
        flags = {f for r in resumes for f in r.flags}
        matched = {s for r in resumes for s in r.matched_skills}
        missing = {s for r in resumes for s in r.missing_skills}
        self.fields["flag"].choices = [("", "Any")] + [(f, f.replace("_", " ")) for f in sorted(flags)]
        self.fields["skill"].choices = [("", "Any")] + [(s, s) for s in sorted(matched, key=str.casefold)]
        self.fields["missing"].choices = [("", "Any")] + [(s, s) for s in sorted(missing, key=str.casefold)]

    def criteria(self):
        """The Criteria to find people by, from the fields that hold a valid value."""
        values = {}
        for name, field in self.fields.items():
            try:
                values[name] = field.clean(field.widget.value_from_datadict(self.data, self.files, name))
            except forms.ValidationError:
                values[name] = ""
        return Criteria(
            sort=values["sort"] or "score",
            flag=values["flag"],
            skill=values["skill"],
            missing=values["missing"],
            text=values["q"].strip(),
        )
