"""WTForms forms: event creation, joining, host sign-in and agenda editing (CSRF via Flask-WTF)."""

from flask_wtf import FlaskForm
from flask_wtf.csrf import _FlaskFormCSRF
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.csrf.core import CSRFTokenField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from .args import Int, Texts
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
    # The choices are the template files found when the page is asked for (web/main.py).
    template = SelectField("Agenda", default="mlc-social")


class LazyTokenField(CSRFTokenField):
    """A CSRF field whose token is made when the form is shown, not when it is built: an
    accepted join form redirects and never shows one, and signing it cost 2% of a QR rush.
    The token sent is still checked (pre_validate), and the one shown is the request's own
    (Flask-WTF's generate_csrf, which keeps it for the request)."""

    def process(self, *args, **kwargs):
        HiddenField.process(self, *args, **kwargs)

    @property
    def current_token(self):
        return self.csrf_impl.generate_csrf_token(self)

    @current_token.setter
    def current_token(self, value):  # CSRFTokenField.process sets it; the property makes it
        pass


class LazyCSRF(_FlaskFormCSRF):
    field_class = LazyTokenField


class JoinForm(FlaskForm):
    class Meta:
        csrf_class = LazyCSRF

    name = StringField(
        "Your name", validators=[DataRequired(), Length(max=80), PlainText(40, "name")]
    )
    cid = HiddenField(validators=[Optional(), Length(max=64)])
    # Only when the host turned on the rotating join code (socialapp.joincode).
    room_code = StringField("Room code", validators=[Optional(), Length(max=12)])


class HostKeyForm(FlaskForm):
    key = StringField("Host key", validators=[DataRequired(), Length(max=200)])


class SegmentForm(FlaskForm):
    """One agenda segment; each kind's HOST_SETTINGS add their fields (see with_kind_fields)."""

    kind = SelectField("Kind", choices=[SelectChoice(k, m.LABEL) for k, m in KINDS.items()])
    title = StringField(
        "Title", validators=[DataRequired(), Length(max=120), PlainText(120, "title")]
    )
    instructions = TextAreaField(
        "Instructions",
        validators=[Optional(), Length(max=2000), PlainText(2000, "instructions", lines=True)],
    )
    minutes = IntegerField("Minutes", validators=[DataRequired(), NumberRange(1, 600)])

    def kind_fields(self, kind_name):
        """(form field, HTML attributes) of a kind's settings, for the template."""
        return [(self[f.arg.key], html_attrs(f)) for f in host_settings(kind_name)]

    def load_settings(self, seg):
        for f in host_settings(seg.kind):
            value = seg.settings.get(f.arg.key)
            self[f.arg.key].data = "\n".join(value or []) if is_list(f) else value

    def payload(self):
        """The agenda command payload this form stands for: the settings of the chosen kind."""
        settings = {}
        for f in host_settings(self.kind.data):
            data = self[f.arg.key].data
            if is_list(f) and data is not None:
                settings[f.arg.key] = [p.strip() for p in data.splitlines() if p.strip()]
            elif not is_list(f) and data:
                settings[f.arg.key] = data
        out = {
            "kind": self.kind.data,
            "title": self.title.data,
            "instructions": self.instructions.data or "",
            "minutes": self.minutes.data,
        }
        return out | ({"settings": settings} if settings else {})


def host_settings(kind_name):
    kind = KINDS.get(kind_name)
    return getattr(kind, "HOST_SETTINGS", ()) if kind else ()


def is_list(f):
    return isinstance(f.arg, Texts)


def html_attrs(f):
    return {"rows": f.rows} if is_list(f) else {"min": f.arg.lo, "max": f.arg.hi}


def form_field(f):
    """The WTForms field of one kind setting: a text area of lines, or a whole number."""
    if is_list(f):
        checks = [Optional(), Length(max=f.max_len), PlainText(f.max_len, f.arg.label, lines=True)]
        return TextAreaField(f.label, validators=checks)
    if isinstance(f.arg, Int):
        return IntegerField(f.label, validators=[Optional(), NumberRange(f.arg.lo, f.arg.hi)])
    raise TypeError(f"{f.arg.key}: a host setting is a Texts or an Int")


def with_kind_fields(form_class):
    """Add every kind's settings fields to the form (a field per setting key)."""
    for name, kind in KINDS.items():
        for f in getattr(kind, "HOST_SETTINGS", ()):
            if hasattr(form_class, f.arg.key):
                raise RuntimeError(f"kind {name}: setting {f.arg.key!r} is already a form field")
            setattr(form_class, f.arg.key, form_field(f))
    return form_class


with_kind_fields(SegmentForm)


class EventSettingsForm(FlaskForm):
    show_count = BooleanField("Show the attendee count on the projector")
    auto_advance = BooleanField("Move to the next segment when time is up")
    chime = BooleanField("Chime on the projector when time is up")
