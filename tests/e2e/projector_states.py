"""Projector states filled with the longest texts people may type (issue 12): what every kind's
public view looks like at its limits, in Latin, CJK, Arabic and emoji. The shapes are those
of each kind's public_view (socialapp/kinds/*/__init__.py); tests/e2e/test_projector_fit.py
draws them on a real projector page."""

# At the limits of socialapp/events.py NAME_MAX (40), open_mic TITLE_MAX (80) and PITCH_MAX
# (120), wall NOTE_MAX (280) and THEME_TITLE_MAX (80), questions TEXT_MAX (280), ballots
# MAX_LABEL (120), debate MOTION (200), icebreaker MAX_PROMPT_LEN (300), agenda titles (120).
NAMES = [
    "Maria-Fernanda Rodríguez-Villanueva",
    "نور 🌙 Noor",
    "欧阳娜娜·司马相如·诸葛孔明·上官婉儿·长孙无忌·东方不败·慕容复·令狐冲·独孤求败·西门吹雪",
    "Bartholomew Alexander Fitzgerald-Smythe",
    "عبد الرحمن بن محمد بن عبد الله الهاشمي",
    "🎉🦄 Zoë 🌈✨ the 🐙 octopus fan 🚀🚀🚀🚀",
    "Anastasiya Konstantinovna Vasilyevskaya",
    "Pneumonoultramicroscopicsilicovolcanoconiosis"[:40],
]
NAMES = [n[:40] for n in NAMES]
STORY = "How a reading group on Discord turned into a NeurIPS paper with 14 authors"
STORY_AR = "Code review across 4 time zones"
TITLES = [
    STORY,
    STORY_AR,
    "我们如何在三个大洲之间协作完成一个开源编译器项目"
    "并最终在顶级会议上发表论文的故事以及其中遇到的各种困难和收获",
    "🚀 Shipping a 🦀 Rust rewrite of our 🐍 Python data pipeline in 6 weeks 🎉 (and what broke)",
]
PITCH = (
    "Looking for someone who has scaled acknowledgements-heavy distributed training "
    "pipelines across heterogeneous clusters"
)[:120]
NOTE = (
    "Write down acknowledgements and responsibilities before the kickoff meeting, "
    "share the document with everyone, and revisit it every two weeks so nobody is "
    "surprised; internationalization and reproducibility need owners from day one, "
    "otherwise they become everybody's and nobody's problem at the same time."
)[:280]
NOTES = [
    NOTE,
    "定期举行读书会，每次由不同的人主持，并在会后把讨论的要点整理成笔记"
    "分享给所有参与者，这样新来的人也能跟上进度。" * 3,
    "نلتقي كل أسبوع لمراجعة الأوراق البحثية الجديدة ونتناوب على تقديمها "
    "ثم نكتب ملخصاً قصيراً للجميع 📚",
    "🧪🔬 Pair programming on experiments 👩‍💻👨‍💻 with shared notebooks ✨ "
    "works better than async review 🎯",
    "Short note",
    "Supercalifragilisticexpialidociousnessfulnesses everywhere all the time",
]
NOTES = [n[:280] for n in NOTES]
THEMES = [
    "Acknowledgements, responsibilities and the boring parts of collaboration that matter"[:80],
    "读书会与知识分享：如何让每个人都参与进来并持续下去的方法和经验总结以及常见的陷阱",
    "التعاون عبر المناطق الزمنية المختلفة وأدوات العمل المشترك",
    "🧪 Experiments 🔬 and reproducibility 🎯",
    "Mentoring",
    "Internationalization",
    "Code review culture across time zones and teams",
    "Funding and grants",
    "Tooling: notebooks, pipelines, dashboards and the rest",
    "Onboarding newcomers",
    "Conferences 🎤",
    "Open source maintenance and sustainability of research software",
]
QUESTION = (
    "Given that most reproducibility failures come from undocumented environment details, "
    "what concrete practices would you recommend to a small lab without dedicated research "
    "software engineers, and how do you convince senior people to adopt them?"
)[:280]
QUESTIONS = [
    QUESTION,
    "在没有专职工程师的小实验室里，怎样才能让实验结果可以被别人复现？"
    "有哪些具体的做法和工具推荐？" * 3,
    "كيف نحافظ على جودة مراجعة الشيفرة عندما يكون الفريق موزعاً على أربع مناطق زمنية مختلفة؟",
    "🤔 What's the one 🛠️ tool you'd never give up? 🔥🔥🔥",
    "Why?",
]
QUESTIONS = [q[:280] for q in QUESTIONS]
OPTIONS = [
    (
        "A reading group on Discord that turned into a NeurIPS paper with fourteen authors "
        "and a lot of late-night debugging sessions"
    )[:120],
    "我们在三个大洲之间协作完成一个开源编译器项目的故事"
    "以及其中遇到的各种困难和收获还有很多很多的经验教训" * 2,
    "مراجعة الشيفرة عبر أربع مناطق زمنية مختلفة وكيف نجحنا في ذلك",
    "🚀🦀🐍 Rust rewrite 🎉",
    "Supercalifragilisticexpialidociousnessfulnesses",
]
OPTIONS = [o[:120] for o in OPTIONS]
MOTION = (
    "This house believes that every machine learning paper should ship with a fully "
    "reproducible container, its raw data and the exact random seeds, or be rejected "
    "without review by the programme committee"
)[:200]
PROMPT = (
    "Tell each other about the most surprising thing you learned this year, the one "
    "paper you think everybody should read, and which collaboration you would start "
    "tomorrow if time and funding were no object at all; then find one thing you have "
    "in common that nobody else in the room would guess"
)[:300]
SEGMENT_TITLE = (
    "Lightning stories from the community: reading groups, research jams and everything "
    "in between, with a few surprises"
)[:120]
INSTRUCTIONS = (
    "Put your name in the bowl on your phone. Each story gets three minutes; the timer is "
    "on the screen and on the speaker's phone. Keep it personal, keep it short, and "
    "thank the person before you."
)

PAUSED = {"status": "paused", "duration": 300.0, "ends_at": None, "remaining": 300.0}


def _entry(i):
    return {
        "id": 100 + i,
        "name": NAMES[i % len(NAMES)],
        "title": TITLES[i % len(TITLES)],
        "pitch": PITCH,
    }


def open_mic(talk_queue=False):
    entries = [_entry(i) for i in range(9)]
    return {
        "in_bowl": 17,
        "closed": False,
        "mode": "talk_queue" if talk_queue else "open_mic",
        "order_by": "drawn",
        "speaker": entries[0],
        "order": entries[1:],
        "order_total": 23,
        "theme": None,
        "speaker_minutes": 3,
        "timer": PAUSED,
        "timer_label": "Speaker",
    }


def icebreaker(groups):
    return {
        "round": 2,
        "rounds": 4,
        "mode": 3,
        "prompt": PROMPT,
        "timer": PAUSED,
        "timer_label": "Round 2",
        "colours": [["blue", "#0072B2", "#FFFFFF"], ["orange", "#E69F00", "#000000"]],
        "groups": [
            [i + 1, i % 2, "🦊", [NAMES[(i + j) % len(NAMES)] for j in range(3)]]
            + ([1] if i % 4 == 0 else [])
            for i in range(groups)
        ],
        "found": (groups + 3) // 4,
        "total": groups,
    }


def wall(themes, notes):
    ts = [{"id": i + 1, "title": THEMES[i % len(THEMES)]} for i in range(themes)]
    ns = [
        {
            "id": i + 1,
            "text": NOTES[i % len(NOTES)],
            "theme": (i % (themes + 1)) + 1 if themes and i % (themes + 1) < themes else None,
            "votes": (i * 7) % 13,
        }
        for i in range(notes)
    ]
    return {"locked": False, "max_notes": 10, "themes": ts, "notes": ns}


def vote(revealed):
    q = {
        "id": 1,
        "title": OPTIONS[0] + " — which story should win the evening's prize?",
        "type": "single",
        "state": "revealed" if revealed else "open",
        "voters": 214,
        "options": [{"id": i + 1, "label": o} for i, o in enumerate(OPTIONS)],
    }
    q["title"] = q["title"][:200]
    result = None
    if revealed:
        counts = [71, 64, 40, 25, 14]
        result = {
            "all": {
                "type": "single",
                "summary": [OPTIONS[0] + " wins with 71 of 214 ballots (33%)"],
                "method_label": "Most votes",
                "ballots": 214,
                "options": [
                    {"id": i + 1, "label": o, "count": c, "share": round(100 * c / 214)}
                    for i, (o, c) in enumerate(zip(OPTIONS, counts, strict=True))
                ],
                "winners": [1],
            },
            "groups": {},
        }
    return {"question": q, "index": 1, "total": 3, "result": result}


def debate(step):
    steps = [
        {"kind": "ballot", "round": "before", "title": "Vote before"},
        {"kind": "speech", "side": "for", "title": "Opening: for", "speaker": NAMES[0]},
        {"kind": "speech", "side": "against", "title": "Opening: against", "speaker": NAMES[2]},
        {"kind": "floor", "title": "Questions from the floor"},
        {"kind": "ballot", "round": "after", "title": "Vote after"},
    ]
    index = {"speech": 1, "floor": 3}[step]
    return {
        "motion": MOTION,
        "steps": steps,
        "index": index,
        "step": steps[index],
        "voters": 120,
        "floor": {"waiting": 12, "speaker": NAMES[4]},
        "result": None,
        "timer": PAUSED,
        "timer_label": "Speech",
    }


def questions(answering):
    qs = [
        {"id": i + 1, "text": QUESTIONS[i % len(QUESTIONS)], "votes": 40 - i, "name": NAMES[i % 8]}
        for i in range(8)
    ]
    return {
        "questions": qs,
        "answering": qs[0] if answering else None,
        "hands": True,
        "speaker": {"name": NAMES[1]},
        "queue": [{"id": 50 + i, "name": NAMES[(i + 2) % 8]} for i in range(7)],
        "queue_total": 9,
        "total": 31,
        "answered": 4,
        "closed": False,
    }


def connect():
    return {"pairs": 1234, "sharing": 321, "stories": 17}


# (name, kind, instructions, public view)
VIEWS = [
    ("info", "info", INSTRUCTIONS * 3, {}),
    ("icebreaker-few", "icebreaker", INSTRUCTIONS, icebreaker(6)),
    ("icebreaker-many", "icebreaker", INSTRUCTIONS, icebreaker(40)),
    ("open-mic", "open_mic", INSTRUCTIONS, open_mic()),
    ("talk-queue", "open_mic", INSTRUCTIONS, open_mic(talk_queue=True)),
    ("wall-notes", "wall", INSTRUCTIONS, wall(0, 26)),
    ("wall-themes-3-26", "wall", INSTRUCTIONS, wall(3, 26)),
    ("wall-themes-6-26", "wall", INSTRUCTIONS, wall(6, 26)),
    ("wall-themes-6-300", "wall", INSTRUCTIONS, wall(6, 300)),
    ("wall-themes-12-300", "wall", INSTRUCTIONS, wall(12, 300)),
    ("vote-open", "vote", INSTRUCTIONS, vote(False)),
    ("vote-reveal", "vote", INSTRUCTIONS, vote(True)),
    ("debate-speech", "debate", INSTRUCTIONS, debate("speech")),
    ("debate-floor", "debate", INSTRUCTIONS, debate("floor")),
    ("questions-answering", "questions", INSTRUCTIONS, questions(True)),
    ("questions-list", "questions", INSTRUCTIONS, questions(False)),
    ("connect", "connect", INSTRUCTIONS, connect()),
]


def state(base, kind, instructions, view):
    """The page's own state with one live segment of `kind` showing `view`."""
    live = {
        "id": 9000,
        "kind": kind,
        "title": SEGMENT_TITLE,
        "instructions": instructions,
        "minutes": 20,
        "status": "live",
        "timer": PAUSED,
    }
    agenda = [s | {"title": SEGMENT_TITLE} for s in base["agenda"]]
    agenda[0] = agenda[0] | {"id": 9000, "kind": kind}
    return base | {"live": live, "kind": view, "agenda": agenda}
