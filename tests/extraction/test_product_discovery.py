"""Discovery by context for products, models, benchmarks and threat actors no list holds:
what stands around the name says what it is (a maker's toolkit, chip codes before
"chips", a list before "models", "Freedonia-aligned X", an alias "also tracked as X").
Invented names throughout."""

import pytest

from .helpers import names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Norvik said its Talon toolkit now ships with the kit.", {("Talon", "Product")}),
        ("Attackers poisoned Norvik’s swiftparse library last week.", {("swiftparse", "Product")}),
        (
            "Buyers skipped Orbex H310 or B410 chips this year.",
            {("H310", "Product"), ("B410", "Product")},
        ),
        ("The model was trained on 4000 Orbex Z770 GPUs.", {("Z770", "Product")}),
        (
            "A zero-day vulnerability (CVE-2031-40001) in Halden Gate OS-X has been exploited.",
            {("Halden Gate OS-X", "Product")},
        ),
        ("Laptops were hit in the Quillstack supply chain attack.", {("Quillstack", "Product")}),
        (
            "Storm-2977 has been exploiting Fenwright EdgeOS flaws since March.",
            {("Fenwright EdgeOS", "Product")},
        ),
        ("Two crews kept exploiting Quillpoint Server flaws.", {("Quillpoint", "Product")}),
        ("Malicious code was found in node-fetchy package versions.", {("node-fetchy", "Product")}),
        (
            "Work continues on Project Marrowstone, a large compute cluster.",
            {("Project Marrowstone", "Product")},
        ),
        (
            "The crew used tools like tunnelo and AzureHound-X to stay in.",
            {("tunnelo", "Product"), ("AzureHound-X", "Product")},
        ),
        ("軟銀完成對Quillbar開發商Talvik的投資。", {("Quillbar", "Product")}),
        (
            "It runs on Orbex PCs, laptops, and Talvane devices.",
            {("Talvane", "Product")},
        ),
        (
            "She developed Quillon and Marrowstone text-to-image models at the lab.",
            {("Quillon", "Model"), ("Marrowstone", "Model")},
        ),
        ("Orbel 3 models are tuned for phones.", {("Orbel 3", "Model")}),
        ("It was tuned to beat q7-mini on math.", {("q7-mini", "Model")}),
        (
            "Foundation models such as Vexa (Morrow et al., 2024), Tollan (Ibe et al., 2025), "
            "and Quorin (Quorin-Team, 2025) lead.",
            {("Vexa", "Model"), ("Tollan", "Model"), ("Quorin", "Model")},
        ),
        ("Velora-7B reaches 6.1 perplexity on WikiLines-9.", {("WikiLines-9", "Benchmark")}),
        (
            "Vexa-2 scored 80.1 on HarborQA and 71.0 on CodeTrail.",
            {("HarborQA", "Benchmark"), ("CodeTrail", "Benchmark")},
        ),
        ("The Vexa benchmark measures tool use.", {("Vexa", "Benchmark")}),
        ("Brennic said the Quillbar App now has 10 million users.", {("Quillbar App", "Product")}),
        ("星河科技发布AI助手Lumo。", {("Lumo", "Product")}),
        ("輝達表示下一代Vexor已開始量產。", {("Vexor", "Product")}),
        ("Quillstone debuted the Arlo X2 chip.", {("Arlo X2", "Product")}),
        ("Kestrel-Large-2 is out.", {("Kestrel-Large-2", "Model")}),
        ("Phishing mails carried the Vexlock infostealer.", {("Vexlock", "Malware")}),
        (
            "Freedonia-aligned Greylantern continues targeting ministries.",
            {("Greylantern", "ThreatActor")},
        ),
        (
            "Freedonia-aligned groups such as CopperKite and Ashmoth moved fast.",
            {("CopperKite", "ThreatActor"), ("Ashmoth", "ThreatActor")},
        ),
        (
            "Greylantern's Operation Tidewatch hit shipping firms.",
            {("Operation Tidewatch", "ThreatActor")},
        ),
    ],
)
def test_context_finds_and_types_the_name(x, text, expected):
    assert expected <= names(x.extract(text))


def test_an_alias_named_later_is_the_group_named_before(x):
    found = x.extract(
        "The crime group known as Bramble Spider hit airlines. Active since 2023 and also "
        "tracked as Cobalt Tempest, the group is known for fraud. Cobalt Tempest then moved "
        "to resorts."
    )
    actors = [e for e in found.entities if e.kind == "ThreatActor"]
    assert [(e.name, set(e.surfaces)) for e in actors] == [
        ("Bramble Spider", {"Bramble Spider", "Cobalt Tempest"})
    ]


def test_bracketed_aliases_belong_to_the_name_before_them(x):
    found = x.extract(
        "The state-sponsored group Greylantern (also known as Ashmoth Sandstorm, Copperkite, "
        "and Static Heron) struck again."
    )
    actors = {e.name: set(e.surfaces) for e in found.entities if e.kind == "ThreatActor"}
    assert actors == {
        "Greylantern": {"Greylantern", "Ashmoth Sandstorm", "Copperkite", "Static Heron"}
    }


def test_a_lower_case_name_is_not_the_capitalised_known_one(x):
    # the gazetteer knows "Axios" the newsroom; "axios" the library is another thing
    found = names(x.extract("Attackers poisoned Norvik's axios library last week."))
    assert ("axios", "Product") in found and not any(n == "Axios" for n, _ in found)


def test_an_alias_of_nothing_named_is_no_name(x):
    found = x.extract("The firm, also tracked as Quiet Heron by some, said little.")
    assert ("Quiet Heron", "ThreatActor") not in names(found)


@pytest.mark.parametrize(
    "text",
    [
        "Kestrel's standard library was updated.",
        "The company said its AI platform is growing.",
        "The firm shipped 2000 chips in 2025.",
        "They shipped a well-known package to users.",
        "She was hired as Project Manager last year.",
        "Several Chinese and Western models were tested.",
        "Top 10 models were compared.",
        "Botnets hijack IoT devices and home routers.",
        "The assistant runs on Kestrel devices and the web.",
        "Freedonia-linked hackers sent lures.",
        "It makes tools like email and chat for schools.",
        "The Best App awards went to three studios.",
        "下一代晶片已開始量產。",
        "Calibration and Transformation-Free Weight-Only LLMs Quantization",
        "The Chinese benchmark is hard.",
        "They spent 2.5 hours on Monday calls.",
    ],
)
def test_plain_phrases_name_no_product_model_or_actor(x, text):
    kinds = {kind for _, kind in names(x.extract(text))}
    assert not kinds & {"Product", "Model", "ThreatActor", "Benchmark"}, names(x.extract(text))
