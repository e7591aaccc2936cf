"""A strict Content-Security-Policy on every page: only the site's own scripts and styles."""


def test_pages_send_a_strict_content_security_policy(client, db):
    policy = client.get("/ko/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_templates_carry_no_inline_script_or_style():
    """What the policy would block: inline scripts, style attributes, javascript: links."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offending = []
    for template in [
        *root.glob("templates/**/*.html"),
        *root.glob("yeongilman/**/templates/**/*.html"),
    ]:
        text = template.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", text) or re.search(
            r"\sstyle=\"|\son[a-z]+=\"|javascript:", text
        ):
            offending.append(str(template.relative_to(root)))
    assert offending == []


def test_pages_have_a_favicon_that_is_served_locally(client, db):
    html = client.get("/en/").content.decode()
    assert 'rel="icon"' in html and "favicon.svg" in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("/favicon.svg")
    svg = client.get(response["Location"])
    assert svg.status_code == 200 and b"<svg" in b"".join(svg.streaming_content)
