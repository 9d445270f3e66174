"""What a test compares: (name, kind) pairs and (head, type, tail) triples."""


def names(extraction):
    return {(e.name, e.kind) for e in extraction.entities}


def triples(extraction):
    return {(r.head, r.type, r.tail) for r in extraction.relations}
