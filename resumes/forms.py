"""Forms that validate openings (for the JSON API and the pages) and filter a batch's results."""

from django import forms

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


class FlagFilterForm(forms.Form):
    """Which flag to show a batch's results for; the choices are the flags its results carry."""

    flag = forms.ChoiceField(required=False, label="Show")

    def __init__(self, data, flags):
        super().__init__(data)
        self.fields["flag"].choices = [("", "All files")] + [(f, f.replace("_", " ")) for f in sorted(flags)]

    def filter(self, resumes):
        """The resumes carrying the chosen flag (all of them when none, or an unknown one, is chosen)."""
        flag = self.cleaned_data.get("flag") if self.is_valid() else ""
        return [r for r in resumes if flag in r.flags] if flag else list(resumes)
