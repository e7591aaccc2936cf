"""Every API shape has its own name: the OpenAPI document keys its components by class name,
so two shapes of one name would make one operation documented (and validated) as the other."""

from collections import Counter

from ninja import Schema


def _shapes(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_shapes(sub)]
    return found


def test_no_two_api_shapes_share_a_name():
    import config.api  # noqa: F401 - imports every router and its shapes

    ours = {shape for shape in _shapes(Schema) if shape.__module__.startswith("yeongilman")}
    names = Counter(shape.__name__ for shape in ours)
    assert [name for name, count in names.items() if count > 1] == []
