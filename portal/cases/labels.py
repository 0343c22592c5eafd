"""Words for steps, event kinds and deadlines, for timelines, queues and the one-person file."""

from flask_babel import lazy_gettext as _l

from portal.models import CaseStep

STEP_LABELS = {
    CaseStep.SUBMITTED: _l("待受理审核"),
    CaseStep.MATERIALS_REQUESTED: _l("等申请人补材料"),
    CaseStep.REFUSED: _l("不予受理"),
    CaseStep.WITHDRAWN: _l("已撤回"),
    CaseStep.ACCEPTED: _l("已受理，待安排评估"),
    CaseStep.ASSESSMENT_SCHEDULED: _l("已安排上门评估"),
    CaseStep.CONCLUSION_PROPOSED: _l("结论待专家确认"),
    CaseStep.CONCLUDED: _l("已作出评估结论"),
    CaseStep.PUBLICITY: _l("公示中"),
    CaseStep.DELIVERED: _l("结论书已送达"),
    CaseStep.OBJECTION: _l("收到异议"),
    CaseStep.RE_EVALUATION: _l("待安排复评"),
    CaseStep.RE_EVALUATION_SCHEDULED: _l("已安排复评"),
    CaseStep.RE_EVALUATION_PROPOSED: _l("复评结论待专家确认"),
    CaseStep.RE_EVALUATED: _l("已作出复评结论"),
    CaseStep.FINAL: _l("最终结论已送达"),
    CaseStep.CARE: _l("享受护理服务"),
    CaseStep.SUSPENDED: _l("待遇暂停"),
}

EVENT_LABELS = {
    "submitted": _l("提交申请"),
    "withdrawn": _l("撤回申请"),
    "accepted": _l("受理"),
    "materials_requested": _l("要求补充材料"),
    "materials_supplied": _l("补交材料"),
    "refused": _l("不予受理"),
    "conclusion_deadline_extended": _l("结论送达期限延期"),
    "assessment_scheduled": _l("安排上门评估"),
    "assessor_declared": _l("评估人员声明回避情况"),
    "conclusion_recorded": _l("填写评估结论"),
    "conclusion_confirmed": _l("专家确认结论"),
    "conclusion_returned": _l("专家退回结论"),
    "publicity_started": _l("开始公示"),
    "third_party_objection": _l("第三人实名反映"),
    "third_party_objection_ruled": _l("核实第三人反映"),
    "delivered": _l("送达结论书"),
    "objection_filed": _l("申请人提出异议"),
    "re_evaluation_ordered": _l("决定复评"),
    "objection_declined": _l("不受理异议"),
    "service_chosen": _l("选择护理方式和机构"),
    "service_changed": _l("变更护理方式或机构"),
    "care_plan_proposed": _l("制定护理服务计划"),
    "care_plan_confirmed": _l("确认护理服务计划"),
    "care_plan_returned": _l("退回护理服务计划"),
    "hospital_stay_reported": _l("报告住院"),
    "discharge_reported": _l("报告出院"),
    "benefits_suspended": _l("暂停待遇"),
    "resumption_requested": _l("申请恢复待遇"),
    "benefits_resumed": _l("恢复待遇"),
    "reassessment_requested": _l("申请重新评估"),
}

DEADLINE_LABELS = {
    "acceptance_review": _l("受理审核"),
    "conclusion_delivery": _l("结论书送达"),
    "publicity_end": _l("公示结束"),
    "objection": _l("异议期"),
}


def event_label(kind: str) -> str:
    return str(EVENT_LABELS.get(kind, kind))


# 000:24.1 (ningxia): why benefits are suspended.
SUSPENSION_LABELS = {
    "refused_reassessment": _l("拒不配合重新评估"),
    "not_at_contracted_institution": _l("未按规定在签约的定点护理机构接受护理服务"),
    "false_materials": _l("提供虚假材料骗取待遇"),
    "no_basic_medical_insurance": _l("不享受基本医疗保险统筹待遇"),
}
