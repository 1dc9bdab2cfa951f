"""WTForms forms: event creation, joining, host sign-in and agenda editing (CSRF via Flask-WTF)."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from .core import text
from .kinds import KINDS


class PlainText:
    """The plain-text policy (socialapp/core/text.py) for a form field: a readable error, or
    the field holds the cleaned text. Length stays on the field for the browser's maxlength."""

    def __init__(self, max_len, label, lines=False):
        self.max_len, self.label, self.lines = max_len, label, lines

    def __call__(self, form, field):
        if not field.data:
            return
        try:
            field.data = text.clean(
                field.data, max_len=self.max_len, min_len=0, lines=self.lines, label=self.label
            )
        except text.TextError as exc:
            raise ValidationError(exc.message) from None


class CreateEventForm(FlaskForm):
    name = StringField(
        "Event name", validators=[DataRequired(), Length(max=120), PlainText(120, "event name")]
    )
    template = SelectField(
        "Agenda", choices=[SelectChoice("mlc-social", "Open Collaboration social")]
    )


class JoinForm(FlaskForm):
    name = StringField(
        "Your name", validators=[DataRequired(), Length(max=80), PlainText(40, "name")]
    )
    cid = HiddenField(validators=[Optional(), Length(max=64)])
    # Only when the host turned on the rotating join code (socialapp.joincode).
    room_code = StringField("Room code", validators=[Optional(), Length(max=12)])


class HostKeyForm(FlaskForm):
    key = StringField("Host key", validators=[DataRequired(), Length(max=200)])


class SegmentForm(FlaskForm):
    kind = SelectField("Kind", choices=[SelectChoice(k, m.LABEL) for k, m in KINDS.items()])
    title = StringField(
        "Title", validators=[DataRequired(), Length(max=120), PlainText(120, "title")]
    )
    instructions = TextAreaField(
        "Instructions",
        validators=[Optional(), Length(max=2000), PlainText(2000, "instructions", lines=True)],
    )
    minutes = IntegerField("Minutes", validators=[DataRequired(), NumberRange(1, 600)])
    prompts = TextAreaField(
        "Prompt questions (one per line)",
        validators=[Optional(), Length(max=5000), PlainText(5000, "prompt questions", lines=True)],
    )
    speaker_minutes = IntegerField(
        "Minutes per speaker", validators=[Optional(), NumberRange(1, 60)]
    )

    def payload(self):
        """The agenda command payload this form stands for."""
        settings = {}
        if self.prompts.data is not None and self.kind.data == "icebreaker":
            settings["prompts"] = [p.strip() for p in self.prompts.data.splitlines() if p.strip()]
        if self.speaker_minutes.data and self.kind.data == "open_mic":
            settings["speaker_minutes"] = self.speaker_minutes.data
        out = {
            "kind": self.kind.data,
            "title": self.title.data,
            "instructions": self.instructions.data or "",
            "minutes": self.minutes.data,
        }
        return out | ({"settings": settings} if settings else {})


class EventSettingsForm(FlaskForm):
    show_count = BooleanField("Show the attendee count on the projector")
    auto_advance = BooleanField("Move to the next segment when time is up")
    chime = BooleanField("Chime on the projector when time is up")
