"""What the invented half of the demo world is made of: plain bilingual data, written for this
demo (every organisation, person and figure made from it is invented and shown as "Demo").

A *sector* is a kind of organisation found around Pohang and its partner regions (Pittsburgh,
San Diego and the US manufacturing states): what its members make, where they are, what they
look for. `world.build_world` turns the sectors into organisations, people and opportunities.
Texts are templates: `{product_ko}` / `{product_en}` is one of the sector's products, `{city_ko}`
/ `{city_en}` its city, `{year}` its founding year. A Korean slot is always followed by a fixed
word (…기술을, …제품을), so no particle depends on the last syllable of what fills it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class OpportunityText:
    """An opportunity a sector's organisations post (about half of them do)."""

    type: str
    title_ko: str
    title_en: str
    description_ko: str
    description_en: str
    countries: tuple[str, ...]


@dataclass(frozen=True)
class Sector:
    """One kind of organisation of the ecosystem and how its members describe themselves."""

    key: str
    role: str  # startup, maker, supplier, distributor, investor, cvc, angels, accelerator, lab
    kind: str  # the directory's organisation kind
    country: str
    count: int
    industries: tuple[str, ...]
    products: tuple[tuple[str, str], ...]
    description_ko: str  # empty: the organisation writes in English only
    description_en: str
    places: tuple[tuple[str, str, int], ...]  # (Korean, English, weight)
    opportunity: OpportunityText | None = None
    founded: tuple[int, int] = (2015, 2025)
    titles: tuple[tuple[str, str], ...] = field(default=())  # (Korean, English) job titles


POHANG_AREA = (
    ("포항", "Pohang", 14), ("경주", "Gyeongju", 2), ("구미", "Gumi", 1), ("대구", "Daegu", 2),
    ("안동", "Andong", 1), ("울산", "Ulsan", 1), ("서울", "Seoul", 2),
)  # fmt: skip
POHANG_ONLY = (("포항", "Pohang", 1),)
KOREA_CAPITAL = (("서울", "Seoul", 3), ("성남", "Seongnam", 1), ("대구", "Daegu", 1),
                 ("포항", "Pohang", 2))  # fmt: skip
PITTSBURGH = (("피츠버그", "Pittsburgh", 1),)
SAN_DIEGO = (("샌디에이고", "San Diego", 1),)
PARTNER_REGIONS = (("피츠버그", "Pittsburgh", 3), ("샌디에이고", "San Diego", 3))
US_MAKERS = (
    ("피츠버그", "Pittsburgh", 4), ("샌디에이고", "San Diego", 3), ("디트로이트", "Detroit", 2),
    ("클리블랜드", "Cleveland", 1), ("콜럼버스", "Columbus", 1), ("시카고", "Chicago", 1),
    ("어바인", "Irvine", 1), ("이리", "Erie", 1),
)  # fmt: skip
US_CARS = (("디트로이트", "Detroit", 3), ("트로이", "Troy", 2), ("피츠버그", "Pittsburgh", 1),
           ("콜럼버스", "Columbus", 1))  # fmt: skip
US_BIO = (("샌디에이고", "San Diego", 4), ("피츠버그", "Pittsburgh", 1))

STARTUP_TITLES = (
    ("대표", "CEO"), ("최고기술책임자", "CTO"), ("사업개발 이사", "Head of business development"),
    ("해외사업 매니저", "Global business manager"),
)  # fmt: skip
MAKER_TITLES = (
    ("구매 책임자", "Head of sourcing"), ("신제품 개발 이사", "Director of new products"),
    ("대표", "CEO"), ("엔지니어링 매니저", "Engineering manager"),
)  # fmt: skip
INVESTOR_TITLES = (("파트너", "Partner"), ("심사역", "Investment manager"),
                   ("대표 파트너", "Managing partner"))  # fmt: skip
LAB_TITLES = (("책임연구원", "Principal scientist"), ("센터장", "Director"),
              ("산학협력 담당", "Partnerships lead"))  # fmt: skip
DISTRIBUTOR_TITLES = (("대표", "CEO"), ("상품 소싱 매니저", "Sourcing manager"),
                      ("영업 이사", "Sales director"))  # fmt: skip

# --- Korean start-ups --------------------------------------------------------------------

_INVEST_FOR_PLANT = OpportunityText(
    "investment_sought", "{product_ko} 양산 설비 투자 유치", "Raising for production: {product_en}",
    "{product_ko} 기술로 시생산을 마쳤고, 양산 설비와 미국 고객 인증을 위한 투자 유치를 "
    "준비하고 있습니다. 소재·부품 분야 벤처캐피탈과 전략적 투자자를 찾고 있습니다.",
    "We finished trial production of {product_en} and are raising to build a production line "
    "and qualify US customers. We are looking for materials-focused venture capital and "
    "strategic investors.",
    ("KR", "US"),
)  # fmt: skip
_US_CUSTOMER = OpportunityText(
    "business_request", "{product_ko} 제품을 적용할 미국 고객사",
    "US customers for our {product_en}",
    "{product_ko} 제품을 미국 시장에 내놓으려 합니다. 시제품을 함께 시험해 볼 미국 제조사와 "
    "유통 파트너를 찾고 있습니다.",
    "We are bringing our {product_en} to the US and are looking for American manufacturers "
    "and distributors to test samples with us.",
    ("US",),
)  # fmt: skip
_US_PILOT = OpportunityText(
    "pilot_sought", "{product_ko} 기술 미국 실증 파트너", "A US pilot site for {product_en}",
    "{product_ko} 기술을 국내 현장에서 검증했습니다. 미국 공장이나 실증 단지에서 3~6개월 "
    "시범 운영할 파트너를 찾고 있습니다.",
    "Our {product_en} has been proven at Korean sites. We are looking for a US plant or test "
    "bed to run a three- to six-month pilot.",
    ("US",),
)  # fmt: skip
_BIO_PARTNER = OpportunityText(
    "rd_cooperation", "{product_ko} 공동 개발 파트너 (샌디에이고)",
    "Co-development partner in San Diego for {product_en}",
    "{product_ko} 분야의 전임상 데이터를 확보했습니다. 샌디에이고의 제약사, 임상시험수탁기관"
    "(CRO)이나 대학 연구실과 공동 개발을 원합니다.",
    "We have preclinical data on {product_en} and want to co-develop it with a San Diego "
    "pharma company, a contract research organisation or a university lab.",
    ("US",),
)  # fmt: skip

KOREAN_STARTUPS = (
    Sector(
        "battery-materials", "startup", "startup", "KR", 14, ("battery", "materials"),
        (("실리콘-탄소 복합 음극재", "silicon-carbon composite anodes"),
         ("고니켈 양극재용 단결정 분말", "single-crystal powders for high-nickel cathodes"),
         ("리튬인산망간철(LMFP) 양극재", "LMFP cathode materials"),
         ("황화물계 고체전해질", "sulfide solid electrolytes"),
         ("배터리용 탄소나노튜브 도전재", "carbon-nanotube conductive additives for batteries"),
         ("리튬금속 음극 보호막", "protective coatings for lithium-metal anodes"),
         ("나트륨이온 배터리 양극재", "sodium-ion battery cathodes")),
        "{year}년 {city_ko}에서 창업한 이차전지 소재 스타트업으로, {product_ko} 기술을 개발해 "
        "파일럿 라인에서 시생산하고 있다. 국내 셀 제조사가 샘플을 평가하고 있으며, 미국 배터리 "
        "셀·팩 제조사의 공급망에 들어가고 양산 설비에 투자할 투자자를 찾고 있다.",
        "A battery-materials start-up founded in {city_en} in {year}. It develops {product_en} "
        "and makes trial batches on a pilot line; Korean cell makers are evaluating samples. It "
        "is looking for US cell and pack makers to qualify its material, and for investors to "
        "fund a production line.",
        POHANG_AREA, _INVEST_FOR_PLANT, titles=STARTUP_TITLES,
    ),
    Sector(
        "battery-recycling", "startup", "startup", "KR", 6, ("battery", "esg"),
        (("폐배터리 블랙매스 습식 제련", "hydrometallurgical recovery of black mass"),
         ("폐배터리 팩 자동 해체 로봇", "robots that dismantle end-of-life battery packs"),
         ("사용 후 배터리 잔존수명 진단", "state-of-health testing of used batteries")),
        "{city_ko}의 배터리 재활용 스타트업({year}년 창업)으로, {product_ko} 기술로 니켈·코발트·"
        "리튬을 다시 쓰게 한다. 미국 인플레이션감축법(IRA) 요건에 맞는 재활용 원료를 공급하려고 "
        "미국의 배터리 팩 제조사와 재활용 기업을 찾고 있다.",
        "A battery-recycling start-up in {city_en}, founded in {year}: its {product_en} return "
        "nickel, cobalt and lithium to use. It looks for US pack makers and recyclers that need "
        "recycled content meeting the Inflation Reduction Act's rules.",
        POHANG_AREA, _US_CUSTOMER, titles=STARTUP_TITLES,
    ),
    Sector(
        "battery-software", "startup", "startup", "KR", 5, ("battery", "ai"),
        (("배터리 관리 시스템(BMS) 소프트웨어", "battery-management-system software"),
         ("AI 배터리 수명 예측", "AI battery-life prediction"),
         ("에너지저장장치(ESS) 화재 조기 감지", "early fire detection for energy storage")),
        "{product_ko} 기술을 만드는 {city_ko}의 스타트업({year}년 창업). 국내 ESS 현장 데이터로 "
        "학습한 모델을 운영하고 있으며, 미국의 전기차·ESS 제조사와 실증을 원한다.",
        "A {city_en} start-up (founded {year}) that builds {product_en}, with models trained on "
        "Korean energy-storage sites. It wants pilots with US electric-vehicle and storage makers.",
        POHANG_AREA, _US_PILOT, titles=STARTUP_TITLES,
    ),
    Sector(
        "hydrogen", "startup", "startup", "KR", 9, ("hydrogen",),
        (("음이온교환막(AEM) 수전해 스택", "anion-exchange-membrane electrolyser stacks"),
         ("연료전지용 금속 분리판", "metal bipolar plates for fuel cells"),
         ("수소 누출 감지 센서", "hydrogen leak sensors"),
         ("고체 수소 저장 합금", "metal-hydride hydrogen storage"),
         ("암모니아 분해 수소 추출 촉매", "ammonia-cracking catalysts"),
         ("수소연료전지 드론 파워팩", "fuel-cell power packs for drones")),
        "{year}년 {city_ko}에서 창업한 수소 기술 기업으로, {product_ko} 제품을 개발했다. 포항 "
        "수소 특화단지에서 실증을 마쳤고, 미국 산업용 가스 기업이나 수소 허브와 파일럿 협력을 "
        "원한다.",
        "A hydrogen start-up founded in {city_en} in {year} that developed {product_en}, tested "
        "in Pohang's hydrogen cluster. It wants a pilot with a US industrial-gas company or a "
        "hydrogen hub.",
        POHANG_AREA, _US_PILOT, titles=STARTUP_TITLES,
    ),
    Sector(
        "bio-therapeutics", "startup", "startup", "KR", 8, ("bio",),
        (("이중항체 항암 신약", "bispecific antibodies for cancer"),
         ("지질나노입자(LNP) 약물 전달", "lipid-nanoparticle drug delivery"),
         ("마이크로바이옴 치료제", "microbiome therapeutics"),
         ("펩타이드 염증 치료제", "peptide drugs for inflammation"),
         ("구조 기반 신약 설계", "structure-based drug design"),
         ("세포 배양 배지", "cell-culture media")),
        "{city_ko} 바이오 클러스터의 스타트업({year}년 창업)으로, {product_ko} 분야를 연구한다. "
        "포항가속기연구소의 구조 분석을 활용하며, 샌디에이고의 제약사·CRO와 공동 개발하고 바이오 "
        "전문 투자사의 투자를 받기를 희망한다.",
        "A start-up of the {city_en} bio cluster (founded {year}) working on {product_en}, using "
        "structural analysis at the Pohang accelerator. It hopes to co-develop with San Diego "
        "pharma companies and contract research organisations and to raise from life-science "
        "investors.",
        (("포항", "Pohang", 5), ("안동", "Andong", 1), ("대구", "Daegu", 1), ("서울", "Seoul", 1)),
        _BIO_PARTNER, titles=STARTUP_TITLES,
    ),
    Sector(
        "medtech", "startup", "startup", "KR", 7, ("medtech", "bio"),
        (("웨어러블 심전도 패치", "wearable ECG patches"),
         ("AI 병리 영상 판독", "AI reading of pathology slides"),
         ("현장진단 분자진단 키트", "point-of-care molecular test kits"),
         ("수술용 생체 접착 패치", "surgical bio-adhesive patches"),
         ("재활 보조 웨어러블 로봇", "wearable rehabilitation robots")),
        "{product_ko} 제품을 만드는 {city_ko}의 의료기기 스타트업({year}년 창업). 국내 인허가를 "
        "받았고 미국 FDA 510(k) 준비를 시작했다. 미국 의료기기 유통사와 병원 파트너를 찾고 있다.",
        "A medical-device start-up in {city_en} (founded {year}) making {product_en}. Cleared in "
        "Korea and preparing an FDA 510(k), it is looking for US medical distributors and "
        "hospital partners.",
        POHANG_AREA, _US_CUSTOMER, titles=STARTUP_TITLES,
    ),
    Sector(
        "industrial-ai", "startup", "startup", "KR", 7, ("ai", "manufacturing"),
        (("제철소 설비 예지보전 AI", "predictive-maintenance AI for steel plants"),
         ("산업 현장 안전 비전 AI", "vision AI for plant safety"),
         ("용접 품질 검사 AI", "AI weld inspection"),
         ("공정 제어 강화학습", "reinforcement learning for process control"),
         ("물류 로봇 관제 소프트웨어", "fleet software for warehouse robots")),
        "{year}년 {city_ko}에서 창업해 {product_ko} 기술을 제철·화학 공장에 공급한다. 포항의 "
        "대형 공장에서 검증한 모델로 미국 제조 공장에서 실증하기를 원한다.",
        "Founded in {city_en} in {year}, it supplies {product_en} to steel and chemical plants. "
        "Proven in Pohang's large plants, it wants to pilot with US manufacturers.",
        POHANG_AREA, _US_PILOT, titles=STARTUP_TITLES,
    ),
    Sector(
        "esg", "startup", "startup", "KR", 7, ("esg",),
        (("탄소배출 측정·보고·검증(MRV) 플랫폼",
          "carbon measurement, reporting and verification software"),
         ("철강 슬래그 재활용 건자재", "building materials from recycled steel slag"),
         ("해양 쓰레기 감지 드론", "drones that detect marine litter"),
         ("공장 폐열 회수 히트펌프", "heat pumps that recover factory waste heat"),
         ("제품 탄소발자국 산정", "product carbon-footprint calculation")),
        "{city_ko}의 ESG 스타트업({year}년 창업)으로, {product_ko} 서비스를 철강·에너지 기업에 "
        "제공한다. 미국 수출 기업의 탄소 규제 대응을 돕고 싶어 미국 제조사와 협력을 원한다.",
        "An ESG start-up in {city_en} (founded {year}) that offers {product_en} to steel and "
        "energy companies. It wants to work with US manufacturers facing carbon rules on exports.",
        POHANG_AREA, _US_CUSTOMER, titles=STARTUP_TITLES,
    ),
    Sector(
        "xr", "startup", "startup", "KR", 6, ("metaverse", "content"),
        (("XR 산업 안전 교육", "XR safety training for industry"),
         ("공장 디지털 트윈", "digital twins of factories"),
         ("AR 글라스 원격 정비", "remote maintenance with AR glasses"),
         ("실감형 관광 콘텐츠", "immersive tourism content"),
         ("의료 시뮬레이션 VR", "VR medical simulation")),
        "{product_ko} 콘텐츠와 소프트웨어를 만드는 {city_ko}의 XR 스타트업({year}년 창업). 국내 "
        "공공기관과 기업에 공급하고 있으며, 미국의 교육·제조 고객과 유통 파트너를 찾고 있다.",
        "An XR start-up in {city_en} (founded {year}) making {product_en}. Korean agencies and "
        "companies use it; it is looking for US training and manufacturing customers and "
        "resellers.",
        POHANG_AREA, _US_CUSTOMER, titles=STARTUP_TITLES,
    ),
    Sector(
        "ai-software", "startup", "startup", "KR", 5, ("ai", "services"),
        (("한국어 음성 AI 상담", "Korean voice AI for call centres"),
         ("생성형 AI 문서 번역", "generative-AI document translation"),
         ("AI 특허 분석", "AI patent analysis"),
         ("소상공인 AI 마케팅", "AI marketing for small shops")),
        "{year}년 {city_ko}에서 창업한 AI 소프트웨어 기업으로, {product_ko} 서비스를 운영한다. "
        "미국 한인 기업과 한국에 진출하려는 미국 기업을 고객으로 찾고 있다.",
        "An AI software company founded in {city_en} in {year} that runs {product_en}. It is "
        "looking for Korean-American businesses and US companies entering Korea as customers.",
        KOREA_CAPITAL, _US_CUSTOMER, titles=STARTUP_TITLES,
    ),
    Sector(
        "materials", "startup", "startup", "KR", 7, ("materials", "consumer"),
        (("탄소섬유 복합재", "carbon-fibre composites"),
         ("고방열 열전도 패드", "high-performance thermal pads"),
         ("항균 구리 코팅", "antimicrobial copper coatings"),
         ("스테인리스 나노 표면처리", "nano surface treatment for stainless steel"),
         ("투명 전극 필름", "transparent electrode films"),
         ("스마트 의류용 전도성 섬유", "conductive yarn for smart clothing")),
        "{city_ko}의 신소재 스타트업({year}년 창업)으로, 포항의 철강·소재 연구 기반 위에서 "
        "{product_ko} 제품을 개발했다. 가전·자동차·웨어러블 부품에 적용할 미국 제조사를 찾고 있다.",
        "An advanced-materials start-up in {city_en} (founded {year}) that grew out of Pohang's "
        "steel and materials research and developed {product_en}. It is looking for US makers of "
        "appliances, cars and wearables to use them.",
        POHANG_AREA, _US_CUSTOMER, titles=STARTUP_TITLES,
    ),
    Sector(
        "agrifood", "startup", "startup", "KR", 4, ("agrifood", "esg"),
        (("스마트 양식 AI", "AI for smart fish farming"),
         ("해조류 바이오 소재", "seaweed-based biomaterials"),
         ("수직농장 LED 조명", "LED lighting for vertical farms"),
         ("수산물 신선도 센서", "freshness sensors for seafood")),
        "동해안 {city_ko}의 농수산 기술 스타트업({year}년 창업)으로, {product_ko} 기술을 만든다. "
        "미국 서부의 식품·양식 기업과 유통사를 찾고 있다.",
        "An agri-food and aquaculture start-up on the east coast in {city_en} (founded {year}) "
        "making {product_en}. It is looking for food and aquaculture companies and distributors "
        "on the US West Coast.",
        (("포항", "Pohang", 3), ("울진", "Uljin", 1), ("영덕", "Yeongdeok", 1)),
        _US_CUSTOMER, titles=STARTUP_TITLES,
    ),
    Sector(
        "robotics", "startup", "startup", "KR", 5, ("robotics", "manufacturing"),
        (("배관 검사 로봇", "pipe-inspection robots"),
         ("수중 드론", "underwater drones"),
         ("자율주행 물류 로봇", "autonomous logistics robots"),
         ("협동로봇 그리퍼", "grippers for collaborative robots")),
        "{product_ko} 제품을 만드는 {city_ko}의 로봇 스타트업({year}년 창업). 제철소와 항만에서 "
        "실증했고, 피츠버그의 로봇 연구실과 공동 연구하며 미국 고객을 만나기를 원한다.",
        "A robotics start-up in {city_en} (founded {year}) making {product_en}, proven in steel "
        "works and ports. It wants joint research with Pittsburgh robotics labs and to meet US "
        "customers.",
        POHANG_AREA, _US_PILOT, titles=STARTUP_TITLES,
    ),
)  # fmt: skip

# --- US makers and distributors -------------------------------------------------------------

_KOREAN_SUPPLY = OpportunityText(
    "technology_request", "{product_ko} 제품에 쓸 한국 부품·소재 공급처",
    "Korean components for our {product_en}",
    "{product_ko} 제품의 차세대 모델에 들어갈 부품과 소재를 한국 스타트업과 제조사에서 "
    "찾고 있습니다. 시제품 평가부터 함께할 수 있습니다.",
    "We are looking for Korean start-ups and suppliers for parts and materials of our next "
    "{product_en}, and can evaluate samples together from the prototype stage.",
    ("KR",),
)  # fmt: skip

US_MAKERS_SECTORS = (
    Sector(
        "heaters", "maker", "corporate", "US", 4, ("consumer", "manufacturing"),
        (("전기 패널 히터", "electric panel heaters"),
         ("욕실 수건 워머", "towel warmers"),
         ("카메라·라이다용 제빙 히터", "de-icing heaters for cameras and lidar"),
         ("바닥 난방 매트", "floor-heating mats"),
         ("야외용 복사 히터", "outdoor radiant heaters")),
        "",
        "Designs and assembles {product_en} in {city_en} and sells them across North America. "
        "It is looking for thinner, faster-warming heating elements, such as printed or carbon "
        "films like graphene, and would like to source them from Korean start-ups.",
        US_MAKERS, _KOREAN_SUPPLY, founded=(1962, 2012), titles=MAKER_TITLES,
    ),
    Sector(
        "seating", "maker", "corporate", "US", 5, ("robotics", "consumer"),
        (("자동차 시트 시스템", "automotive seating systems"),
         ("열선·통풍 시트 모듈", "heated and ventilated seat modules"),
         ("유아용 카시트", "child car seats"),
         ("전기차용 경량 시트 프레임", "lightweight seat frames for electric vehicles")),
        "",
        "Builds {product_en} for carmakers and fleets at its plant in {city_en}. Electric-vehicle "
        "makers ask it for seat heating that draws less from the battery; it wants to test thin "
        "film heaters (carbon or graphene) and sensors from Korean suppliers and start-ups.",
        US_CARS, _KOREAN_SUPPLY, founded=(1958, 2010), titles=MAKER_TITLES,
    ),
    Sector(
        "wearables", "maker", "corporate", "US", 6, ("consumer", "medtech"),
        (("발열 재킷·장갑", "heated jackets and gloves"),
         ("스마트 인솔", "smart insoles"),
         ("피트니스 밴드", "fitness bands"),
         ("의료용 온열 패드", "medical heating pads"),
         ("수면 모니터링 링", "sleep-tracking rings")),
        "",
        "Makes {product_en} in {city_en} and sells them online and in outdoor stores. It looks "
        "for flexible heating films (graphene, printed carbon), stretchable electrodes and small "
        "batteries, and for Korean partners who can supply them at volume.",
        US_MAKERS, _KOREAN_SUPPLY, founded=(1995, 2019), titles=MAKER_TITLES,
    ),
    Sector(
        "appliances", "maker", "corporate", "US", 5, ("consumer",),
        (("전기 멀티쿠커", "electric multi-cookers"),
         ("에어프라이어", "air fryers"),
         ("온수 디스펜서", "hot-water dispensers"),
         ("커피 머신", "espresso machines")),
        "",
        "Designs {product_en} sold under its own brand in US retail chains, engineered in "
        "{city_en}. It is looking for new heating technology that cooks evenly and saves energy, "
        "such as graphene film heaters, and for Korean component makers to supply it.",
        US_MAKERS, _KOREAN_SUPPLY, founded=(1975, 2015), titles=MAKER_TITLES,
    ),
    Sector(
        "ev-battery", "maker", "corporate", "US", 5, ("battery", "robotics"),
        (("전기 트럭용 배터리 팩", "battery packs for electric trucks"),
         ("전기 스쿨버스 파워트레인", "powertrains for electric school buses"),
         ("배터리 팩 열관리 시스템", "thermal management for battery packs"),
         ("가정용 에너지저장장치", "home battery systems")),
        "",
        "Builds {product_en} in {city_en}. It needs cells and cathode and anode materials from "
        "outside China, pack heaters for cold starts and recycling partners for used packs, and "
        "wants Korean suppliers for them.",
        US_MAKERS, _KOREAN_SUPPLY, founded=(2008, 2020), titles=MAKER_TITLES,
    ),
    Sector(
        "medical-devices", "maker", "corporate", "US", 4, ("medtech",),
        (("원격 환자 모니터링 기기", "remote patient-monitoring devices"),
         ("수술용 내시경", "surgical endoscopes"),
         ("재활 장비", "rehabilitation equipment")),
        "",
        "Develops and makes {product_en} in {city_en}. It is looking for Korean medtech "
        "start-ups with new sensors or AI to license, co-develop or distribute in the US.",
        US_BIO, _KOREAN_SUPPLY, founded=(1985, 2016), titles=MAKER_TITLES,
    ),
    Sector(
        "hydrogen-equipment", "maker", "corporate", "US", 4, ("hydrogen", "manufacturing"),
        (("수소 충전소 설비", "hydrogen refuelling stations"),
         ("연료전지 지게차", "fuel-cell forklifts"),
         ("수소 압축기", "hydrogen compressors")),
        "",
        "Manufactures {product_en} in {city_en} for a US hydrogen hub. It is looking for "
        "electrolyser stacks, bipolar plates and leak sensors from Korean makers.",
        US_MAKERS, _KOREAN_SUPPLY, founded=(1990, 2018), titles=MAKER_TITLES,
    ),
    Sector(
        "robot-makers", "maker", "corporate", "US", 4, ("robotics", "manufacturing"),
        (("창고 자동화 로봇", "warehouse automation robots"),
         ("산업 검사 드론", "industrial inspection drones"),
         ("용접 로봇 셀", "robotic welding cells")),
        "",
        "Builds {product_en} in {city_en}. It wants vision AI, grippers and batteries from "
        "Korean start-ups, and customers in Korean steel and shipbuilding plants.",
        (("피츠버그", "Pittsburgh", 3), ("콜럼버스", "Columbus", 1)),
        _KOREAN_SUPPLY, founded=(2001, 2019), titles=MAKER_TITLES,
    ),
)  # fmt: skip

US_DISTRIBUTORS = (
    Sector(
        "distributors", "distributor", "corporate", "US", 7, ("consumer", "services"),
        (("주방 가전", "kitchen appliances"),
         ("전자 부품", "electronic components"),
         ("의료기기", "medical devices"),
         ("산업용 에너지 설비", "industrial energy equipment"),
         ("뷰티·생활용품", "beauty and household goods")),
        "",
        "Imports and distributes {product_en} to US retailers and manufacturers from its "
        "warehouse in {city_en}, and handles UL and FCC certification for its brands. It is "
        "looking for Korean brands ready for US retail.",
        (("로스앤젤레스", "Los Angeles", 3), ("어바인", "Irvine", 1), ("피츠버그", "Pittsburgh", 1),
         ("샌디에이고", "San Diego", 1), ("시카고", "Chicago", 1)),
        OpportunityText(
            "business_offer", "한국 {product_ko} 브랜드의 미국 유통",
            "US distribution for Korean {product_en}",
            "미국 소매점과 온라인몰에 한국 {product_ko} 제품을 유통하고, UL 인증과 물류를 "
            "대행합니다.",
            "We distribute Korean {product_en} to US stores and online marketplaces and take care "
            "of UL certification and logistics.",
            ("KR",),
        ),
        founded=(1988, 2017), titles=DISTRIBUTOR_TITLES,
    ),
)  # fmt: skip

# --- investors ------------------------------------------------------------------------------

_INVEST_IN_KOREA = OpportunityText(
    "investment_offered", "{product_ko} 분야 한국 스타트업 투자",
    "Investment in Korean {product_en} start-ups",
    "{product_ko} 분야의 한국 스타트업에 시드부터 시리즈 A까지 투자합니다. 미국 시장에 진출하려는 "
    "팀을 찾고 있습니다.",
    "We invest from seed to Series A in Korean start-ups in {product_en}, and look for teams "
    "planning to enter the US market.",
    ("KR",),
)  # fmt: skip

INVESTORS = (
    Sector(
        "us-hardtech-vc", "investor", "investor", "US", 4, ("finance", "materials", "battery"),
        (("신소재", "advanced materials"), ("하드웨어", "hardware"), ("배터리", "battery")),
        "",
        "A {city_en} venture-capital firm investing in {product_en} companies, from graphene and "
        "thin films to battery chemistry and robotics. It looks for Korean start-ups that plan "
        "a US plant or their first US customers.",
        PITTSBURGH, _INVEST_IN_KOREA, founded=(1999, 2019), titles=INVESTOR_TITLES,
    ),
    Sector(
        "us-climate-vc", "investor", "investor", "US", 4, ("finance", "hydrogen", "esg"),
        (("기후테크", "climate technology"), ("수소·에너지", "hydrogen and energy"),
         ("탄소 감축", "decarbonisation")),
        "",
        "A climate-tech fund based in {city_en} that invests in {product_en} start-ups at seed "
        "and Series A. It wants Korean founders with a working pilot who are raising for a US "
        "launch.",
        (("피츠버그", "Pittsburgh", 1), ("샌디에이고", "San Diego", 1), ("보스턴", "Boston", 1)),
        _INVEST_IN_KOREA, founded=(2010, 2021), titles=INVESTOR_TITLES,
    ),
    Sector(
        "us-bio-vc", "investor", "investor", "US", 4, ("finance", "bio", "medtech"),
        (("바이오", "biotech"), ("의료기기", "medical devices"), ("디지털 헬스", "digital health")),
        "",
        "A San Diego life-science investor backing {product_en} companies from preclinical work "
        "to first approvals. It looks for Korean start-ups ready to open a lab in San Diego.",
        SAN_DIEGO, _INVEST_IN_KOREA, founded=(2002, 2018), titles=INVESTOR_TITLES,
    ),
    Sector(
        "us-cvc", "cvc", "investor", "US", 4, ("finance", "consumer", "robotics"),
        (("자동차 실내 부품", "car interiors"), ("가전", "home appliances"), ("에너지", "energy")),
        "",
        "The corporate venture arm of a {city_en} maker of {product_en}. It invests in start-ups "
        "whose materials and sensors its parent can use, such as heating films, batteries and "
        "smart surfaces, and is looking for Korean start-ups.",
        (("디트로이트", "Detroit", 2), ("피츠버그", "Pittsburgh", 1), ("시카고", "Chicago", 1)),
        _INVEST_IN_KOREA, founded=(2012, 2022), titles=INVESTOR_TITLES,
    ),
    Sector(
        "us-angels", "angels", "investor", "US", 2, ("finance",),
        (("창업 초기 기업", "early-stage companies"),),
        "미국 {city_ko}의 한인 창업가·투자자 엔젤 네트워크로, 미국에 진출한 한국 창업 초기 기업에 "
        "투자하고 멘토링한다.",
        "An angel network of Korean-American founders and investors in {city_en} that invests in "
        "and mentors {product_en} from Korea arriving in the US.",
        PARTNER_REGIONS, None, founded=(2012, 2022), titles=INVESTOR_TITLES,
    ),
    Sector(
        "kr-vc", "investor", "investor", "KR", 5, ("finance",),
        (("소재·부품·장비", "materials, parts and equipment"), ("바이오", "biotech"),
         ("딥테크", "deep tech"), ("이차전지", "secondary batteries")),
        "{city_ko}에 본사를 둔 벤처캐피탈로, {product_ko} 분야 스타트업에 시드부터 시리즈 B까지 "
        "투자한다. 경북 지역 기업의 해외 진출을 돕는 펀드를 운용하며, 미국 공동 투자사를 찾고 "
        "있다.",
        "A venture-capital firm based in {city_en} investing from seed to Series B in "
        "{product_en} start-ups. It runs a fund for Gyeongbuk companies going abroad and looks "
        "for US co-investors.",
        (("서울", "Seoul", 2), ("포항", "Pohang", 2), ("대구", "Daegu", 1)),
        _INVEST_IN_KOREA, founded=(2000, 2020), titles=INVESTOR_TITLES,
    ),
    Sector(
        "kr-cvc", "cvc", "investor", "KR", 3, ("finance", "materials", "battery"),
        (("철강 소재", "steel and materials"), ("배터리 소재", "battery materials"),
         ("수소 에너지", "hydrogen energy")),
        "{product_ko} 분야 중견기업의 기업형 벤처캐피탈(CVC)로, 모기업 공정과 제품에 쓸 수 있는 "
        "기술을 가진 스타트업에 투자한다.",
        "The corporate venture-capital arm of a mid-sized {product_en} company, investing in "
        "start-ups whose technology its parent's plants and products can use.",
        (("포항", "Pohang", 2), ("울산", "Ulsan", 1)),
        _INVEST_IN_KOREA, founded=(2015, 2023), titles=INVESTOR_TITLES,
    ),
    Sector(
        "kr-accelerator", "accelerator", "accelerator", "KR", 3, ("finance", "public"),
        (("딥테크", "deep tech"), ("해외 진출", "going global")),
        "{city_ko}의 민간 액셀러레이터로, {product_ko} 분야 초기 스타트업을 보육하고 시드 "
        "투자한다. "
        "매년 미국 데모데이에 포트폴리오 기업을 데려간다.",
        "A private accelerator in {city_en} that incubates and makes seed investments in "
        "{product_en} start-ups, and takes its portfolio to a US demo day every year.",
        (("포항", "Pohang", 2), ("대구", "Daegu", 1)),
        None, founded=(2014, 2022), titles=INVESTOR_TITLES,
    ),
)  # fmt: skip

# --- Korean companies, labs -----------------------------------------------------------------

KOREAN_COMPANIES = (
    Sector(
        "kr-suppliers", "supplier", "corporate", "KR", 10, ("manufacturing", "materials"),
        (("자동차 시트 열선", "heating wires for car seats"),
         ("스테인리스 정밀 가공", "precision stainless-steel parts"),
         ("배터리 케이스", "battery cases"),
         ("수소 배관·밸브", "hydrogen pipes and valves"),
         ("가전용 발열체", "heating elements for appliances"),
         ("산업용 센서", "industrial sensors")),
        "{year}년 {city_ko}에서 설립한 제조 기업으로, {product_ko} 제품을 국내 완성차·가전·철강 "
        "기업에 공급한다. 미국 공장을 둔 고객사를 따라 미국 진출을 준비하며, 새 소재를 함께 개발할 "
        "스타트업을 찾고 있다.",
        "A manufacturer founded in {city_en} in {year} that supplies {product_en} to Korean car, "
        "appliance and steel makers. It is preparing to follow its customers' US plants and is "
        "looking for start-ups to develop new materials with.",
        (("포항", "Pohang", 3), ("경주", "Gyeongju", 2), ("구미", "Gumi", 1), ("울산", "Ulsan", 1),
         ("대구", "Daegu", 1)),
        OpportunityText(
            "business_offer", "{product_ko} 공급과 공동 개발",
            "Supply and co-development of {product_en}",
            "{product_ko} 제품을 양산하고 있으며, 미국에 공장을 둔 제조사에 공급하거나 함께 개발할 "
            "수 있습니다.",
            "We make {product_en} at volume and can supply or co-develop them for manufacturers "
            "with plants in the US.",
            ("US",),
        ),
        founded=(1978, 2012), titles=MAKER_TITLES,
    ),
)  # fmt: skip

LABS = (
    Sector(
        "us-labs", "lab", "research", "US", 5, ("materials", "battery", "bio"),
        (("신소재 시험·인증", "materials testing and certification"),
         ("배터리 안전 시험", "battery safety testing"),
         ("바이오 공정 개발", "bioprocess development"),
         ("로봇 실증", "robot field trials")),
        "",
        "An independent research institute in {city_en} offering {product_en} and joint "
        "research. It is looking for Korean companies that need US test data and certification.",
        PARTNER_REGIONS,
        OpportunityText(
            "pilot_offered", "{product_ko} 시험 설비 제공", "{product_en} for Korean companies",
            "미국 인증에 필요한 {product_ko} 설비와 데이터를 한국 기업에 제공합니다.",
            "We offer Korean companies {product_en} and the data US certification asks for.",
            ("KR",),
        ),
        founded=(1970, 2015), titles=LAB_TITLES,
    ),
    Sector(
        "kr-labs", "lab", "research", "KR", 4, ("materials", "hydrogen", "bio"),
        (("그래핀·탄소 소재", "graphene and carbon materials"),
         ("수소 실증", "hydrogen testing"),
         ("배터리 분석", "battery analysis"),
         ("단백질 구조 분석", "protein structure analysis")),
        "{city_ko}의 연구센터로, {product_ko} 분야의 분석 장비와 연구 인력을 기업에 개방하고 있다. "
        "미국 대학·연구소와 공동 연구를 원한다.",
        "A research centre in {city_en} that opens its {product_en} equipment and researchers to "
        "companies. It wants joint research with US universities and institutes.",
        POHANG_ONLY,
        OpportunityText(
            "rd_cooperation", "{product_ko} 공동 연구 (미국 대학·연구소)",
            "Joint research on {product_en} with US institutes",
            "{product_ko} 분야에서 미국 대학·연구소와 공동 연구 과제를 기획하려 합니다.",
            "We want to plan joint research on {product_en} with US universities and institutes.",
            ("US",),
        ),
        founded=(1995, 2020), titles=LAB_TITLES,
    ),
)  # fmt: skip

SECTORS: tuple[Sector, ...] = (
    KOREAN_STARTUPS + US_MAKERS_SECTORS + US_DISTRIBUTORS + INVESTORS + KOREAN_COMPANIES + LABS
)

# --- names ----------------------------------------------------------------------------------

# Brand syllables of Korean start-ups: (Hangul, Latin), joined as one word (셀+텍 → Celltek).
BRAND_HEADS = (
    ("에너", "Ener"), ("셀", "Cell"), ("하이", "Hy"), ("나노", "Nano"), ("그린", "Green"),
    ("블루", "Blue"), ("아이온", "Ion"), ("카본", "Carbon"), ("큐브", "Cube"), ("비전", "Vision"),
    ("메디", "Medi"), ("젠", "Gen"), ("뉴로", "Neuro"), ("옴니", "Omni"), ("루멘", "Lumen"),
    ("테라", "Terra"), ("아쿠아", "Aqua"), ("모노", "Mono"), ("딥", "Deep"), ("코어", "Core"),
    ("웨이브", "Wave"), ("하이드로", "Hydro"), ("볼트", "Volt"), ("포톤", "Photon"),
    ("해오름", "Haeoreum"), ("영일", "Yeongil"), ("호미", "Homi"), ("동해", "Donghae"),
    ("새벽", "Saebyeok"), ("한빛", "Hanbit"), ("누리", "Nuri"), ("바론", "Baron"), ("링크", "Link"),
    ("엑스", "X"), ("큐", "Q"), ("메타", "Meta"), ("리본", "Ribon"), ("오로라", "Aurora"),
)  # fmt: skip
BRAND_TAILS = {
    "battery": (("텍", "tek"), ("셀", "cell"), ("머티리얼즈", " Materials"), ("에너지", " Energy"),
                ("파워", " Power"), ("닉스", "nix")),
    "hydrogen": (("하이젠", " Hygen"), ("에너지", " Energy"), ("텍", "tek"), ("파워", " Power")),
    "bio": (("바이오", " Bio"), ("테라퓨틱스", " Therapeutics"), ("젠", "gen"), ("랩스", " Labs")),
    "medtech": (("메드", "med"), ("헬스", " Health"), ("케어", " Care"), ("다이아그노스틱스",
    " Diagnostics")),
    "ai": (("AI", " AI"), ("랩스", " Labs"), ("로직", "logic"), ("인텔리전스", " Intelligence")),
    "esg": (("카본", " Carbon"), ("어스", " Earth"), ("서클", " Circle"), ("에코", " Eco")),
    "metaverse": (("XR", " XR"), ("버스", "verse"), ("리얼리티", " Reality"), ("스튜디오",
    " Studio")),
    "materials": (("머티리얼즈", " Materials"), ("코팅", " Coatings"), ("텍", "tek"), ("나노",
    " Nano")),
    "agrifood": (("팜", " Farm"), ("오션", " Ocean"), ("푸드", " Foods"), ("씨", " Sea")),
    "robotics": (("로보틱스", " Robotics"), ("봇", "bot"), ("모빌리티", " Mobility"), ("드론",
    " Drone")),
    "services": (("랩스", " Labs"), ("웍스", " Works"), ("AI", " AI")),
}  # fmt: skip

# Words of US company names, each with how a Korean reader writes it.
US_PLACES = (
    ("앨러게니", "Allegheny"), ("머논거힐라", "Monongahela"), ("키스톤", "Keystone"),
    ("오하이오 밸리", "Ohio Valley"), ("그레이트 레이크스", "Great Lakes"), ("메사", "Mesa"),
    ("토리 파인스", "Torrey Pines"), ("코로나도", "Coronado"), ("소렌토", "Sorrento"),
    ("하버", "Harbor"), ("캐스케이드", "Cascade"), ("프레리", "Prairie"), ("레이크쇼어",
    "Lakeshore"),
    ("서밋", "Summit"), ("그래나이트", "Granite"), ("아이언 브리지", "Iron Bridge"),
    ("노스 쇼어", "North Shore"), ("리버프런트", "Riverfront"), ("파인 크리크", "Pine Creek"),
    ("블루 메사", "Blue Mesa"), ("펠리컨", "Pelican"), ("레드 오크", "Red Oak"), ("이글", "Eagle"),
    ("스털링", "Sterling"), ("프리덤", "Freedom"), ("애로헤드", "Arrowhead"), ("실버 레이크",
    "Silver Lake"),
)  # fmt: skip
US_NOUNS = {
    "heaters": (("서멀", "Thermal"), ("히트", "Heat"), ("컴포트", "Comfort"), ("래디언트",
    "Radiant")),
    "seating": (("시팅", "Seating"), ("인테리어스", "Interiors"), ("컴포트", "Comfort")),
    "wearables": (("웨어러블스", "Wearables"), ("어패럴", "Apparel"), ("기어", "Gear"), ("핏",
    "Fit")),
    "appliances": (("키친웍스", "Kitchenworks"), ("어플라이언스", "Appliance"), ("홈", "Home")),
    "ev-battery": (("파워", "Power"), ("배터리", "Battery"), ("모빌리티", "Mobility"), ("볼트",
    "Volt")),
    "medical-devices": (("메디컬", "Medical"), ("디바이시스", "Devices"), ("헬스", "Health")),
    "hydrogen-equipment": (("하이드로젠", "Hydrogen"), ("퓨얼", "Fuel"), ("가스", "Gas")),
    "robot-makers": (("로보틱스", "Robotics"), ("오토메이션", "Automation"), ("머신스",
    "Machines")),
    "distributors": (("트레이딩", "Trading"), ("디스트리뷰션", "Distribution"), ("서플라이",
    "Supply")),
    "us-hardtech-vc": (("벤처스", "Ventures"), ("캐피털", "Capital"), ("파트너스", "Partners")),
    "us-climate-vc": (("클라이밋 벤처스", "Climate Ventures"), ("에너지 펀드", "Energy Fund")),
    "us-bio-vc": (("라이프 사이언스 벤처스", "Life Science Ventures"), ("바이오 캐피털",
    "Bio Capital")),
    "us-cvc": (("벤처스", "Ventures"), ("이노베이션 펀드", "Innovation Fund")),
    "us-angels": (("코리안 엔젤스", "Korean Angels"), ("한인 엔젤 네트워크", "K-Angel Network")),
    "us-labs": (("리서치 인스티튜트", "Research Institute"), ("테스트 랩", "Test Lab"),
                ("이노베이션 센터", "Innovation Center")),
}  # fmt: skip
US_SUFFIXES = (("", ""), ("인코퍼레이티드", "Inc."), ("코퍼레이션", "Corp."), ("컴퍼니", "Co."),
               ("시스템즈", "Systems"), ("인더스트리즈", "Industries"), ("테크놀로지스",
               "Technologies"))  # fmt: skip
# Korean companies and funds: a place-like first word and the business.
KR_FIRST = (
    ("영일", "Yeongil"), ("형산", "Hyeongsan"), ("운제", "Unje"), ("호미", "Homi"), ("동해",
    "Donghae"),
    ("청하", "Cheongha"), ("흥해", "Heunghae"), ("송도", "Songdo"), ("구룡포", "Guryongpo"),
    ("내연", "Naeyeon"), ("보경", "Bogyeong"), ("칠포", "Chilpo"), ("오천", "Ocheon"), ("장기",
    "Janggi"),
    ("토함", "Toham"), ("금오", "Geumo"), ("팔공", "Palgong"), ("한결", "Hangyeol"), ("새솔",
    "Saesol"),
)  # fmt: skip
KR_SECOND = {
    "kr-suppliers": (("정밀", "Precision"), ("산업", "Industrial"), ("금속", "Metal"), ("테크",
    "Tech"),
                     ("전자", "Electronics")),
    "kr-vc": (("벤처스", "Ventures"), ("인베스트먼트", "Investment"), ("파트너스", "Partners"),
              ("캐피탈", "Capital")),
    "kr-cvc": (("신기술투자", "Technology Investment"), ("벤처스", "Ventures")),
    "kr-accelerator": (("액셀러레이터", "Accelerator"), ("스타트업 캠퍼스", "Startup Campus")),
    "kr-labs": (("소재연구센터", "Materials Research Center"), ("실증연구센터",
    "Demonstration Center"),
                ("분석센터", "Analysis Center"), ("융합연구원", "Convergence Institute")),
}  # fmt: skip
KR_SUPPLIER_TAILS = (("", ""), ("주식회사", "Co., Ltd."))

# People: Korean names (family, given) with their romanisation; English names with how a
# Korean writes them.
KOREAN_FAMILY = (
    ("김", "Kim"), ("이", "Lee"), ("박", "Park"), ("최", "Choi"), ("정", "Jung"), ("강", "Kang"),
    ("조", "Cho"), ("윤", "Yoon"), ("장", "Jang"), ("임", "Lim"), ("한", "Han"), ("오", "Oh"),
    ("서", "Seo"), ("신", "Shin"), ("권", "Kwon"), ("황", "Hwang"), ("안", "Ahn"), ("송", "Song"),
    ("류", "Ryu"), ("홍", "Hong"), ("전", "Jeon"), ("고", "Ko"), ("문", "Moon"), ("배", "Bae"),
)  # fmt: skip
KOREAN_GIVEN = (
    ("민준", "Min-jun"), ("서연", "Seo-yeon"), ("지호", "Ji-ho"), ("하은", "Ha-eun"), ("도윤",
    "Do-yun"),
    ("수아", "Su-a"), ("예준", "Ye-jun"), ("지우", "Ji-woo"), ("현우", "Hyun-woo"), ("은서",
    "Eun-seo"),
    ("준서", "Jun-seo"), ("다은", "Da-eun"), ("성민", "Seong-min"), ("유진", "Yu-jin"), ("태윤",
    "Tae-yun"),
    ("채원", "Chae-won"), ("재훈", "Jae-hoon"), ("수빈", "Su-bin"), ("동현", "Dong-hyun"), ("지민",
    "Ji-min"),
    ("승우", "Seung-woo"), ("혜진", "Hye-jin"), ("영호", "Young-ho"), ("미경", "Mi-kyung"),
    ("정훈", "Jung-hoon"), ("소영", "So-young"), ("상철", "Sang-cheol"), ("은지", "Eun-ji"),
    ("우진", "Woo-jin"), ("나연", "Na-yeon"), ("기현", "Ki-hyun"), ("보람", "Bo-ram"),
)  # fmt: skip
ENGLISH_GIVEN = (
    ("에밀리", "Emily"), ("마이클", "Michael"), ("세라", "Sarah"), ("데이비드", "David"),
    ("제시카", "Jessica"), ("제임스", "James"), ("로라", "Laura"), ("대니얼", "Daniel"),
    ("레이철", "Rachel"), ("케빈", "Kevin"), ("메건", "Megan"), ("브라이언", "Brian"),
    ("올리비아", "Olivia"), ("라이언", "Ryan"), ("애나", "Anna"), ("마크", "Mark"),
    ("그레이스", "Grace"), ("토머스", "Thomas"), ("해나", "Hannah"), ("에릭", "Eric"),
    ("마리아", "Maria"), ("카를로스", "Carlos"), ("프리야", "Priya"), ("조슈아", "Joshua"),
)  # fmt: skip
ENGLISH_FAMILY = (
    ("카터", "Carter"), ("밀러", "Miller"), ("존슨", "Johnson"), ("데이비스", "Davis"),
    ("윌슨", "Wilson"), ("브룩스", "Brooks"), ("응우옌", "Nguyen"), ("파텔", "Patel"),
    ("가르시아", "Garcia"), ("머피", "Murphy"), ("코발스키", "Kowalski"), ("리드", "Reed"),
    ("베넷", "Bennett"), ("휴스", "Hughes"), ("포스터", "Foster"), ("설리번", "Sullivan"),
    ("천", "Chen"), ("로시", "Rossi"), ("슈나이더", "Schneider"), ("앤더슨", "Anderson"),
    ("터너", "Turner"), ("월시", "Walsh"), ("오코너", "O'Connor"), ("라미레스", "Ramirez"),
)  # fmt: skip

# A profile's tags: a few words people search for, by sector.
SECTOR_TAGS = {
    "battery-materials": ("battery materials", "cathode", "anode"),
    "battery-recycling": ("battery recycling", "black mass", "IRA"),
    "battery-software": ("BMS", "battery analytics", "ESS"),
    "hydrogen": ("hydrogen", "fuel cell", "electrolysis"),
    "bio-therapeutics": ("drug discovery", "biotech"),
    "medtech": ("medical device", "FDA 510(k)"),
    "industrial-ai": ("industrial AI", "steel", "smart factory"),
    "esg": ("decarbonisation", "carbon accounting"),
    "xr": ("XR", "digital twin", "training"),
    "ai-software": ("AI", "SaaS"),
    "materials": ("advanced materials", "coatings"),
    "agrifood": ("aquaculture", "food tech"),
    "robotics": ("robotics", "inspection"),
    "heaters": ("heaters", "heating elements"),
    "seating": ("automotive seating", "seat heating"),
    "wearables": ("wearables", "heated apparel"),
    "appliances": ("kitchen appliances", "heating"),
    "ev-battery": ("battery packs", "electric vehicles"),
    "medical-devices": ("medical devices",),
    "hydrogen-equipment": ("hydrogen", "refuelling"),
    "robot-makers": ("robots", "automation"),
    "distributors": ("distribution", "import", "UL certification"),
    "us-hardtech-vc": ("venture capital", "hardware", "materials"),
    "us-climate-vc": ("venture capital", "climate tech"),
    "us-bio-vc": ("venture capital", "life sciences"),
    "us-cvc": ("corporate venture capital",),
    "us-angels": ("angel investors",),
    "kr-vc": ("venture capital",),
    "kr-cvc": ("corporate venture capital",),
    "kr-accelerator": ("accelerator", "seed"),
    "kr-suppliers": ("manufacturing", "supplier"),
    "us-labs": ("testing", "certification", "research"),
    "kr-labs": ("research", "testing"),
}
