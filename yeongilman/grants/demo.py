"""Demo agreement: the first company selected in the demo two-stage call signed its agreement
(the signed copy uploaded), received the first disbursement plan and reported on its first
milestone, which waits for the mid-term evaluation; the second selected has no agreement yet,
so operators can draft one."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from yeongilman.accounts.models import User
from yeongilman.grants.models import (
    Agreement,
    AgreementDocument,
    AgreementStatus,
    EvaluationKind,
    Milestone,
    MilestoneReport,
)
from yeongilman.programs.demo import STAGED_CALL
from yeongilman.programs.models import Application, Outcome

# A minimal, valid PDF standing in for the scanned signed agreement.
SIGNED_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@transaction.atomic
def load_demo_agreements(operator: User | None) -> int:
    """Create the demo agreement once (none when the call is missing or already has one);
    returns how many agreements were made."""
    application = (
        Application.objects.filter(call__slug=STAGED_CALL, outcome=Outcome.SELECTED)
        .select_related("call")
        .order_by("receipt_number")
        .first()
    )
    if application is None or Agreement.objects.filter(application=application).exists():
        return 0
    now = timezone.now()
    today = timezone.localdate()
    agreement = Agreement.objects.create(
        application=application, call=application.call,
        organisation_id=application.organisation_id, amount_krw=50_000_000,
        starts_on=today - timedelta(days=35), ends_on=today + timedelta(days=330),
        sign_by=today - timedelta(days=30), status=AgreementStatus.SIGNED,
        sent_at=now - timedelta(days=38), signed_at=now - timedelta(days=33),
        created_by=operator,
        conditions_ko="사업비는 마일스톤 보고와 평가 후 지급합니다. 사업 기간 중 본사를 "
        "포항에 둡니다.",
        conditions_en="Funds are paid after each milestone's report and evaluation. The "
        "company keeps its head office in Pohang during the agreement.",
    )  # fmt: skip
    document = AgreementDocument(
        agreement=agreement, position=1, name_ko="협약서", name_en="Signed agreement",
        original_name="signed-agreement.pdf", size=len(SIGNED_PDF),
        uploaded_at=now - timedelta(days=34),
    )  # fmt: skip
    document.file.save("signed-agreement.pdf", ContentFile(SIGNED_PDF), save=False)
    document.save()
    first = Milestone.objects.create(
        agreement=agreement, position=1, title_ko="시제품 고도화와 첫 유료 고객",
        title_en="Improved prototype and a first paying customer",
        due_on=today - timedelta(days=5), amount_krw=20_000_000,
        evaluation=EvaluationKind.MIDTERM,
    )  # fmt: skip
    Milestone.objects.create(
        agreement=agreement, position=2, title_ko="최종 성과 보고", title_en="Final results",
        due_on=today + timedelta(days=320), amount_krw=30_000_000,
        evaluation=EvaluationKind.FINAL,
    )  # fmt: skip
    MilestoneReport.objects.create(
        milestone=first, submitted_at=now - timedelta(days=3), employees=12, jobs_created=2,
        revenue_krw=80_000_000,
        text="단일 카메라 동작 인식 엔진을 개선해 지연 시간을 40% 줄였고, 포항의 피트니스 "
        "체인 한 곳과 첫 유료 계약을 맺었습니다.\nThe single-camera engine's latency fell by "
        "40%; a Pohang fitness chain signed the first paid contract.",
    )  # fmt: skip
    return 1
