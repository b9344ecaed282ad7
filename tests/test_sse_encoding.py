"""progress.sse: any data, event type or id round-trips through a spec-conforming parser and can never
inject a field or an event."""

from hypothesis import given
from hypothesis import strategies as st

from progress import sse
from tests.sse_client import Parser

# Every character, including CR, LF and NUL; surrogates cannot be encoded to UTF-8 and never reach us.
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)))


def parse(raw):
    parser = Parser()
    lines = raw.decode().replace("\r\n", "\n").replace("\r", "\n").split("\n")
    events = [event for event in map(parser.feed, lines) if event is not None]
    return events, parser


@given(event_type=text, data=text, event_id=st.one_of(st.none(), st.integers(0, 2**53), text))
def test_one_encoded_event_parses_back_as_exactly_one_event(event_type, data, event_id):
    events, _ = parse(sse.encode_event(event_type, data, event_id))
    assert len(events) == 1
    event = events[0]
    expected_type = event_type.replace("\r", "").replace("\n", "").replace("\0", "")
    assert event.type == (expected_type or "message")
    assert event.data == data.replace("\r\n", "\n").replace("\r", "\n")
    if event_id is not None:
        assert event.id == str(event_id).replace("\r", "").replace("\n", "").replace("\0", "")


@given(data=text)
def test_data_cannot_start_a_second_event_or_set_an_id(data):
    raw = sse.encode_event("progress", data + "\n\nevent: evil\nid: 666\ndata: x", 7)
    events, parser = parse(raw)
    assert len(events) == 1 and events[0].type == "progress" and events[0].id == "7"


def test_json_progress_stays_on_one_data_line():
    raw = sse.encode_event("progress", '{"message":"a\\nb"}', 3)
    assert raw == b'event: progress\nid: 3\ndata: {"message":"a\\nb"}\n\n'
