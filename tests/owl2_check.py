"""OWL 2 DL profile check and reasoner consistency checks, with the OWL API, HermiT and Pellet.

The reasoners are the jars owlready2 ships (hermit/HermiT.jar, which bundles the OWL API 3.4.3
with its OWL2DLProfile checker; pellet/*.jar), driven through JPype. Run as a child process,
one JVM per call, so the test process never holds a JVM:

    python tests/owl2_check.py [--unsatisfiable] GRAPH.nt ...

reads each N-Triples file as one ontology and prints one JSON object per file: the OWL 2 DL
profile violations (kind and text, sorted), whether HermiT and Pellet find it consistent, and
with --unsatisfiable the named classes HermiT finds unsatisfiable.

Literals of datatypes outside the OWL 2 datatype map (xsd:date, cheikg:MOECode) are opaque to
HermiT (ignoreUnsupportedDatatypes): it rejects them otherwise; the SHACL shapes check them.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import sys


def jars() -> list[str]:
    import owlready2

    home = os.path.dirname(owlready2.__file__)
    return [os.path.join(home, "hermit", "HermiT.jar")] + sorted(glob.glob(os.path.join(home, "pellet", "*.jar")))


def java_missing() -> str | None:
    """Why the check cannot run here, or None."""
    if shutil.which("java") is None:
        return "no Java runtime (.ci/run installs default-jre-headless)"
    try:
        import jpype  # noqa: F401
        import owlready2  # noqa: F401
    except ImportError as e:
        return f"{e.name} is not installed (pip install -e '.[test]')"
    return None


def main(argv: list[str]) -> int:
    unsatisfiable = "--unsatisfiable" in argv
    paths = [a for a in argv if a != "--unsatisfiable"]
    import jpype
    import jpype.imports  # noqa: F401

    jpype.startJVM("-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", classpath=jars(), convertStrings=True)
    from java.io import File
    from java.util.logging import Level, Logger
    from org.semanticweb.HermiT import Configuration, Reasoner
    from org.semanticweb.owlapi.apibinding import OWLManager
    from org.semanticweb.owlapi.profiles import OWL2DLProfile
    from com.clarkparsia.pellet.owlapiv3 import PelletReasonerFactory

    Logger.getLogger("").setLevel(Level.SEVERE)  # Pellet warns of every literal of an unknown datatype
    for path in paths:
        manager = OWLManager.createOWLOntologyManager()
        ontology = manager.loadOntologyFromOntologyDocument(File(path))
        violations = sorted({(str(v.getClass().getSimpleName()), str(v)) for v in OWL2DLProfile().checkOntology(ontology).getViolations()})
        config = Configuration()
        config.ignoreUnsupportedDatatypes = True
        hermit = Reasoner(config, ontology)
        result = {
            "file": path,
            "violations": [{"kind": kind, "text": text} for kind, text in violations],
            "hermit": bool(hermit.isConsistent()),
            "pellet": bool(PelletReasonerFactory.getInstance().createReasoner(ontology).isConsistent()),
        }
        if unsatisfiable and result["hermit"]:
            result["unsatisfiable"] = sorted(str(c.getIRI()) for c in hermit.getUnsatisfiableClasses().getEntitiesMinusBottom())
        print(json.dumps(result, ensure_ascii=False), flush=True)
        manager.removeOntology(ontology)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
