"""Discovery by context: names found and typed by the words around them."""

import pytest

from .helpers import names


# Discovery by context: invented names no gazetteer holds, each found only by the words
# around it, and typed by them.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Meta acquired Brindle, a Singapore-based agent startup.", {("Brindle", "Organization")}),
        (
            "Thrive Capital invested in Quorra maker Corvanta at a high valuation.",
            {("Quorra", "Product"), ("Corvanta", "Organization")},
        ),
        ("Dana Whitlock, CEO of Varnell, said demand is strong.", {("Varnell", "Organization")}),
        (
            "Orbis AI raised $675 million from Kestrel, Dunmore and Tamsin.",
            {(n, "Organization") for n in ("Orbis AI", "Kestrel", "Dunmore", "Tamsin")},
        ),
        (
            "Talvik raised $6 billion in a round led by Brightwater.",
            {("Brightwater", "Organization")},
        ),
        ("Elsewhere, xTalon will release a model next month.", {("xTalon", "Organization")}),
        (
            "Ardent and Corvel announced a partnership.",
            {("Ardent", "Organization"), ("Corvel", "Organization")},
        ),
        ("The Zentra family from Quillon tops the chart.", {("Quillon", "Organization")}),
        (
            "Researchers at Caldera University propose a new loss.",
            {("Caldera University", "Organization")},
        ),
        ("Norvik introduced Command Z for enterprise agents.", {("Command Z", "Model")}),
        (
            "Vela-7B reaches 86% on QuillMath and PARSE.",
            {("QuillMath", "Benchmark"), ("PARSE", "Benchmark")},
        ),
        ("It rivals o7 and outperforms StarFish2.", {("o7", "Model"), ("StarFish2", "Model")}),
        (
            "Orca tops Zebra's Final Test among public models.",
            {("Zebra's Final Test", "Benchmark")},
        ),
        ("We present Vela, a 7B model trained with XPO that is small.", {("XPO", "Method")}),
        (
            "The company will deploy it on Halden Cloud Studio next week.",
            {("Halden Cloud Studio", "Product")},
        ),
    ],
)
def test_context_cues_find_names_no_list_holds(x, text, expected):
    found = x.extract(text)
    assert expected <= names(found)
    assert all(e.discovered for e in found.entities if (e.name, e.kind) in expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sandrake deployed Gridbreaker2 against a utility, Sentrix said.",
            {("Sandrake", "ThreatActor"), ("Gridbreaker2", "Malware"), ("Sentrix", "Organization")},
        ),
        ("Kragmar targeted think tanks in Europe.", {("Kragmar", "ThreatActor")}),
        ("The Darkvale group claimed the attack.", {("Darkvale", "ThreatActor")}),
        ("The actors used NimbusRAT in the intrusion.", {("NimbusRAT", "Malware")}),
        (
            "Bramble Spider targeted Harlow Resorts and Telvra with vishing.",
            {("Harlow Resorts", "Organization"), ("Telvra", "Organization")},
        ),
        (
            "Attackers exploited CVE-2031-12345 in Halden Gateway OS last week.",
            {("Halden Gateway OS", "Product")},
        ),
    ],
)
def test_threat_report_cues(x, text, expected):
    assert expected <= names(x.extract(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "星曜科技發布Zeta-9，並在QuillMath上取得 91 分。",
            {("星曜科技", "Organization"), ("Zeta-9", "Model"), ("QuillMath", "Benchmark")},
        ),
        ("凌雲與星河宣布合作，擴大產能。", {("凌雲", "Organization"), ("星河", "Organization")}),
        ("凌雲開源飛瀑新模型，支援影片生成。", {("凌雲", "Organization"), ("飛瀑", "Model")}),
        (
            "陳志遠表示，凌雲的Orion晶片需求強勁。",
            {("陳志遠", "Person"), ("凌雲", "Organization"), ("Orion", "Product")},
        ),
        (
            "UNC9999鎖定星河電信與Telvra。",
            {("星河電信", "Organization"), ("Telvra", "Organization")},
        ),
        (
            "Sentrix將InkVine歸因於Granite Typhoon。",
            {("Sentrix", "Organization"), ("InkVine", "Malware")},
        ),
        ("軟銀投資Quorra 400 億美元。", {("Quorra", "Organization")}),
        ("新加坡網路防衛局表示已完成調查。", {("新加坡網路防衛局", "Organization")}),
        # a coined name glossed in brackets, or a list closed by "等 …", by what it is
        ("研究團隊發表 TimeScope（長時序推理基準），用於評估。", {("TimeScope", "Benchmark")}),
        ("FlowPilot（端到端駕駛模型）以相機輸入預測軌跡。", {("FlowPilot", "Model")}),
        ("GraphWeave（圖神經網路框架）降低記憶體用量。", {("GraphWeave", "Method")}),
        ("Quantix9（量化交易新創）完成融資。", {("Quantix9", "Organization")}),
        (
            "本週論文包括 ChartQuest、DocMaze 和 Tab-Sage 等基準。",
            {("ChartQuest", "Benchmark"), ("DocMaze", "Benchmark"), ("Tab-Sage", "Benchmark")},
        ),
        ("另有 OmniDrive、VoxelNet 等多個模型。", {("OmniDrive", "Model"), ("VoxelNet", "Model")}),
    ],
)
def test_chinese_context_cues(x, text, expected):
    assert expected <= names(x.extract(text))


@pytest.mark.parametrize(
    ("text", "known"),
    [
        ("OpenAI（美國公司）推出新模型。", ("OpenAI", "Organization")),
        ("Gemini（Google 的模型）表現亮眼。", ("Gemini", "Model")),
        ("研究使用 GPU（圖形處理器）與 AI（人工智慧）模型。", None),
        ("Transformer（一種神經網路）仍是主流。", None),
    ],
)
def test_a_bracketed_gloss_types_only_coined_names_it_fits(x, text, known):
    found = x.extract(text)
    assert not [e.name for e in found.entities if e.discovered], names(found)
    if known:
        assert known in names(found)


@pytest.mark.parametrize(
    "text",
    [
        "On Monday, the company said it would expand into Europe.",
        "The report said revenue grew 20% in the quarter.",
        "In March, analysts said demand was strong.",
        "Separately, the startup said it had no plans to sell.",
        "Researchers said the model scores 80% on the test set.",
        "The new version launched Tuesday with improvements.",
        "Users targeted by the campaign were notified.",
        "The model outperforms the baseline on every task.",
        "The US and China signed an agreement last week.",
        "When Congress passed the bill, lawmakers said it was historic.",
        "研究團隊提出新的方法，並在多個基準上取得領先。",
        "昨日發布的新版本修正了錯誤。",
        "用戶可藉升級關閉廣告。",
        "這反映投資人對內容賽道的興趣。",
        "視訊生成創企完成 3.15 億美元融資。",
        "商湯發布新版大模型。",
        "新創公司推出新模型。",
        "Hugging Face bought the French maker of the Reachy humanoid.",
        "研究團隊公司宣布合作。",
        "政府近期也推出多項措施，鼓勵企業投資 AI 基礎設施。",
        "政府鼓励企业投资。",
    ],
)
def test_context_cues_leave_plain_words_alone(x, text):
    found = x.extract(text)
    assert not [e for e in found.entities if e.discovered], names(found)
