"""Random bytes under random names never make the upload endpoint fail with a 500."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resumes.models import Opening

names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=4000)
contents = st.one_of(
    st.binary(max_size=4096),
    st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"PK\x05\x06" + b"\0" * 18, b"\x7fELF", b"MZ"]).flatmap(
        lambda head: st.binary(max_size=2048).map(lambda tail: head + tail)
    ),
)


BOUNDARY = "----fuzzboundary7MA4YWxkTrZu0gW"


def multipart(files):
    """A multipart body as a browser sends it: any file name, with `"`, CR and LF percent-encoded."""
    body = b""
    for name, content in files:
        quoted = name.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")
        body += (
            (
                f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="{quoted}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + content
            + b"\r\n"
        )
    return body + f"--{BOUNDARY}--\r\n".encode()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.lists(st.tuples(names, contents), min_size=1, max_size=3))
def test_random_uploads_get_a_202_or_a_json_4xx_never_a_500(client, alice, files):
    opening, _ = Opening.objects.get_or_create(owner=alice, title="Fuzz")
    client.force_login(alice)
    response = client.post(
        f"/api/v1/openings/{opening.pk}/batches",
        multipart(files),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )
    assert response.status_code in (202, 400), response.content[:500]
    body = response.json()
    if response.status_code == 202:
        assert body["total"] == len(body["accepted"]) + len(body["rejected"]) >= 1
        assert all(len(name) <= 255 and "\0" not in name for name in body["accepted"])
