"""The sentences around the news in synthetic articles: context, numbers, quotes, caveats.

Real articles state a relation or two and spend the rest of their length on background
that names few entities. These pools give the generator that background, per genre, with
slots filled from word lists wide enough that the vocabulary grows the way news does
rather than repeating a dozen templates. Slots: {org} an organization, {n} a small
number, {pct} a percentage, {month}, {weekday}, {region}, {city}, {sector}, {topic},
{hardware}, {role}, {adj}, {amount}.
"""

from __future__ import annotations

REGIONS = [
    "Europe", "the United States", "Japan", "South Korea", "India", "Brazil", "Canada",
    "the United Kingdom", "Singapore", "Taiwan", "Australia", "the Middle East",
    "Southeast Asia", "Latin America", "Germany", "France", "Israel", "the Gulf states",
    "Scandinavia", "Africa", "Indonesia", "Mexico", "Poland", "Spain", "Italy", "Vietnam",
]  # fmt: skip
CITIES = [
    "San Francisco", "Seattle", "London", "Paris", "Berlin", "Tokyo", "Seoul", "Bangalore",
    "Toronto", "Montreal", "Zurich", "Tel Aviv", "Singapore", "Austin", "Boston", "New York",
    "Shenzhen", "Hangzhou", "Beijing", "Taipei", "Dubai", "Stockholm", "Amsterdam", "Munich",
    "Sydney", "Helsinki", "Madrid", "Warsaw", "Abu Dhabi", "Osaka", "Pittsburgh", "Denver",
]  # fmt: skip
SECTORS = [
    "banking", "insurance", "health care", "retail", "logistics", "manufacturing", "legal",
    "education", "telecommunications", "energy", "gaming", "advertising", "automotive",
    "pharmaceutical", "media", "public-sector", "defense", "agriculture", "real-estate",
    "semiconductor", "aviation", "shipping", "hospitality", "accounting", "consulting",
]  # fmt: skip
TOPICS = [
    "code generation", "long-context reasoning", "speech recognition", "image editing",
    "video generation", "document understanding", "retrieval", "tool use", "agentic workflows",
    "customer support", "translation", "search", "summarization", "data labeling",
    "drug discovery", "protein folding", "weather forecasting", "robotics", "on-device inference",
    "model compression", "safety evaluations", "red-teaming", "alignment research",
    "synthetic data", "multimodal chat", "spreadsheet automation", "fraud detection",
    "chip design", "materials science", "chemistry", "tutoring", "legal research",
]  # fmt: skip
HARDWARE = [
    "GPUs", "accelerators", "custom silicon", "inference chips", "data-center capacity",
    "high-bandwidth memory", "liquid-cooled racks", "networking gear", "edge devices",
    "power contracts", "server clusters", "optical interconnects",
]  # fmt: skip
ROLES = [
    "analyst", "researcher", "engineer", "executive", "investor", "spokesperson",
    "product manager", "security researcher", "professor", "developer", "former employee",
    "board member", "consultant", "policy adviser", "chief scientist", "founder",
]  # fmt: skip
ADJECTIVES = [
    "cautious", "optimistic", "skeptical", "measured", "upbeat", "guarded", "enthusiastic",
    "mixed", "lukewarm", "bullish", "wary", "confident", "divided", "uncertain",
]  # fmt: skip
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip

NEWS = [
    "The company did not disclose financial terms of the deal.",
    "A spokesperson declined to comment on pricing beyond the {month} launch.",
    "Shares of {org} rose {pct}% in {weekday} trading after the announcement.",
    "The announcement comes as enterprises weigh the cost of running large models in production.",
    "Regulators in {region} have asked for more detail on how training data is collected.",
    "The startup, founded in {city}, employs about {n}0 people and plans to double headcount by {month}.",
    "Customers in {sector} and {sector} were among the first to test the system, the company said.",
    "Demand for {hardware} has outstripped supply for most of the past year.",
    "Pricing starts at ${n} per million tokens, with discounts for committed use.",
    "The release includes a technical report, though several details of the training recipe were left out.",
    "Early users described the update as a meaningful step for {topic}, if not a breakthrough.",
    "One {role} called the results impressive but warned that benchmarks rarely reflect production workloads.",
    "The move puts pressure on rivals that have struggled to turn research into revenue.",
    "Investors have poured billions into the sector this year, even as questions about returns grow.",
    "The company said it would open an office in {city} to be closer to customers in {region}.",
    "Energy use remains a concern: a single training run can draw as much power as a small town.",
    "The team said the model was trained on licensed and publicly available data.",
    "Access is rolling out first to paying subscribers, with a free tier promised for {month}.",
    "Industry watchers were {adj} about the timeline, noting earlier delays.",
    "It is one of {n} funding rounds in the sector this quarter to exceed $100 million.",
    "The deal is expected to close in {month}, pending approval from regulators in {region}.",
    "Developers can download the weights under a license that allows commercial use.",
    "The company reported annualized revenue of about ${n}00 million, up from a year earlier.",
    "Some researchers questioned whether the evaluation set had leaked into the training data.",
    "The firm has also hired a former {role} from a large cloud provider to lead its {sector} push.",
    "Analysts at a {city} brokerage raised their forecasts for spending on {hardware}.",
    "A waitlist opened on {weekday}, and the company said it had received thousands of sign-ups within hours.",
    "Critics argue the pace of releases leaves little time for independent safety testing.",
    "The product is aimed at small teams that lack the staff to fine-tune models themselves.",
    "Usage of the API grew {pct}% over the previous quarter, according to people familiar with the matter.",
    "The partnership covers {topic} and {topic}, with joint work expected to start in {month}.",
    "Employees were told of the change in an internal memo seen by reporters.",
    "The company said latency fell by roughly half compared with its previous release.",
    "Hiring for machine-learning roles in {city} has slowed, recruiters said, while salaries keep rising.",
    "The update arrives weeks after a competing release drew heavy attention on social media.",
    "Lawmakers in {region} are drafting rules that would require disclosure of training sources.",
    "The system handles {topic} in more than {n}0 languages, the company claims.",
    "Margins remain thin because inference costs scale with every new user.",
    "A {adj} reception from developers could slow adoption, a {role} said.",
    "Open-source alternatives have narrowed the gap with proprietary systems over the past year.",
    "The company plans to spend more on {hardware} next year, its finance chief said on a call with analysts.",
    "Terms of the agreement give the investors board seats and information rights.",
    "The lab published a blog post describing its approach to {topic}.",
    "Competition for talent has pushed some startups to offer unusually large equity grants.",
]  # fmt: skip

RESEARCH = [
    "Existing approaches struggle when inputs exceed the context seen during training.",
    "We release code, data and checkpoints to support reproducibility.",
    "Our method requires no additional labeled data and adds negligible inference cost.",
    "Ablations show that each component contributes to the final performance.",
    "We analyze failure cases and find that most errors stem from ambiguous instructions.",
    "Experiments across {n} tasks demonstrate consistent gains over strong baselines.",
    "The approach scales favorably with model size and training compute.",
    "We further study the trade-off between accuracy and latency on commodity hardware.",
    "Results suggest that data quality matters more than quantity for {topic}.",
    "We identify a simple recipe that improves sample efficiency by {pct}% in our setting.",
    "Human evaluation confirms that outputs are preferred in {pct}% of pairwise comparisons.",
    "Our analysis reveals that attention heads specialize early in training.",
    "We discuss limitations, including sensitivity to prompt formatting and domain shift.",
    "The framework unifies several prior methods under a single objective.",
    "Training remains stable across learning rates that cause divergence in the baseline.",
    "We construct a new evaluation suite covering {topic}, {topic} and {topic}.",
    "Theoretical analysis shows that the estimator is unbiased under mild assumptions.",
    "Memory usage drops by a factor of {n} while accuracy stays within one point.",
    "Surprisingly, smaller models benefit more from the proposed curriculum than larger ones.",
    "These findings point to open questions about how reasoning emerges during pretraining.",
]  # fmt: skip

THREAT = [
    "The intrusion began with a spear-phishing email carrying a malicious attachment.",
    "Investigators found persistence mechanisms in scheduled tasks and registry run keys.",
    "Indicators of compromise, including domains and file hashes, were published alongside the report.",
    "The campaign has been active since at least {month}, researchers said.",
    "Victims were concentrated in {sector} and {sector} organizations across {region}.",
    "Administrators are urged to apply patches and rotate credentials immediately.",
    "The attackers used legitimate remote-management tools to blend in with normal traffic.",
    "Stolen data was staged in compressed archives before exfiltration over HTTPS.",
    "The operators appear to work during business hours in a single time zone.",
    "Command-and-control servers were hosted on compromised routers in {region}.",
    "Defenders should monitor for unusual authentication attempts against cloud tenants.",
    "The malware checks for virtual machines and security tools before unpacking its payload.",
    "Several of the domains were registered within days of the first observed attacks.",
    "Ransom demands ranged from tens of thousands to several million dollars.",
    "The group reused infrastructure from an earlier campaign, linking the two operations.",
    "Security teams in {city} reported a rise in credential-stuffing attempts over the same period.",
    "Exploitation requires no user interaction and can be triggered remotely.",
    "A fix was released in {month}, but thousands of exposed servers remain unpatched.",
    "The lure documents referenced upcoming conferences on {topic}.",
    "Researchers observed lateral movement within hours of initial access.",
]  # fmt: skip

# Chinese background, Traditional characters as the Taiwan and Hong Kong outlets write.
ZH = [
    "該公司並未透露交易金額。",
    "業界人士認為，這項合作有助於推動{zh_sector}產業的數位轉型。",
    "分析師指出，AI 算力需求在過去一年快速增長，供應仍然吃緊。",
    "公司表示，新產品將於{zh_month}正式上市，並先開放企業客戶試用。",
    "市場研究機構預估，相關市場規模今年將成長{pct}%。",
    "據了解，該團隊目前約有{n}0名員工，多數為研發人員。",
    "此舉被視為搶攻{zh_sector}市場的重要布局。",
    "專家提醒，企業導入生成式 AI 時，仍須重視資料安全與隱私保護。",
    "消息傳出後，相關概念股{zh_weekday}早盤普遍走高。",
    "政府近期也推出多項措施，鼓勵企業投資 AI 基礎設施。",
    "公司強調，將持續投入研發，擴大在亞洲市場的影響力。",
    "資安業者呼籲用戶儘速更新系統並更換密碼。",
    "研究團隊表示，相關程式碼與模型權重將陸續開源。",
    "不少開發者在社群平台上分享試用心得，評價褒貶不一。",
    "業界預計，明年資料中心的電力需求將持續攀升。",
    "該計畫預計分{n}年執行，總投資金額尚未公布。",
    "外界關注此次合作是否會影響既有的供應鏈關係。",
    "報告指出，攻擊者多半利用釣魚郵件取得初始存取權限。",
]  # fmt: skip
ZH_SECTORS = ["金融", "醫療", "製造", "零售", "物流", "教育", "電信", "能源", "半導體", "汽車", "遊戲", "媒體"]  # fmt: skip
ZH_MONTHS = [f"{m}月" for m in "一二三四五六七八九十"] + ["十一月", "十二月", "下個月", "今年底"]
ZH_WEEKDAYS = ["週一", "週二", "週三", "週四", "週五"]

# The `real` style (generate.py) adds what the sentences above lack against real articles:
# open clauses whose words come from a long-tailed lexicon, so the vocabulary keeps growing
# at the measured rate, and typographic marks. In these templates ' is an apostrophe, "..."
# a quotation, -- a dash and {n}~{m} a range; an article written typographically turns them
# into ’ “ ” — and –, the others into ASCII. {w} is a lexicon word, {name} a name of any kind.
REAL_EN = [
    "The {w} {w} around {topic} has become a {w} point for {sector} buyers, the company's filings show.",
    "It's a {adj} bet -- one that depends on {w} {w} and on how fast {hardware} arrive.",
    '"We {w} the {w} of {topic} every week," a {role} said, adding that {w} {w} remains hard.',
    "Prices for {hardware} rose {n}~{m}% over the {w} quarter, according to {w} {w} data.",
    "The firm's {w} {w} team, based in {city}, now handles {w} and {w} for clients in {region}.",
    "Observers noted the {w} {w} in {month}, though they didn't expect a {w} change soon.",
    "Documents reviewed by reporters describe {w} {w} and a {w} plan for {topic}.",
    "A {role} who asked not to be named said the {w} was {adj}, but the {w} {w} still isn't clear.",
    "For now, {w} {w} -- not {w} -- is what {sector} customers say they need most.",
    "The {w} of {w} {w} across {region} has drawn {adj} comments from {w} {w}.",
    "Over {n}~{m} months the project's {w} {w} will shift toward {topic} and {w}.",
    "That's the {w} {w} most {role}s point to when they talk about {topic}.",
]  # fmt: skip
REAL_EN_NAMES = [
    "Comparisons with {name} were {adj}, and few expected the {w} {w} to last.",
    "Elsewhere, {name} drew attention for its {w} {w} in {region}.",
    "The {w} {w} also mentioned {name} and {name2}, without details.",
    "{name}'s {w} {w} was cited as a reference point by a {role}.",
]  # fmt: skip
REAL_ZH = [
    "{zw}{zw}方面，業者指出{zw}{zw}仍是{zh_sector}產業的關鍵。",
    "一位{zw}人士表示：「{zw}{zw}的{zw}還需要時間。」",
    "據{zw}{zw}資料，相關{zw}在{zh_month}成長{pct}%—高於市場預期。",
    "“{zw}{zw}”一詞近來在{zh_sector}圈被頻繁提及，{zw}{zw}也隨之升溫。",
    "外界認為，{zw}{zw}與{zw}{zw}將是下一階段的重點。",
    "{zw}{zw}的{zw}問題，目前仍無明確{zw}。",
]  # fmt: skip
REAL_ZH_NAMES = [
    "外界也關注{name}在{zw}{zw}方面的動向。",
    "{name}與{name2}同樣被視為{zw}{zw}的代表。",
]  # fmt: skip
