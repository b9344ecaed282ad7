"""Forms that validate openings, for the JSON API and (later) the pages."""

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


class OpeningForm(forms.ModelForm):
    required_skills = SkillListField(required=False)
    preferred_skills = SkillListField(required=False)
    min_years = forms.FloatField(min_value=0, max_value=60, required=False)

    class Meta:
        model = Opening
        fields = ["title", "description", "required_skills", "preferred_skills", "min_years"]

    def clean_min_years(self):
        return self.cleaned_data.get("min_years") or 0
