"""What a catalogue item fixes, as the rules name it: the ten elements (附件3 第三条)."""

from __future__ import annotations

TEN_ELEMENTS = (
    "公开事项",
    "公开内容",
    "信息更新时间",
    "公开主体",
    "信息保障单位",
    "公开渠道",
    "公开栏目",
    "公开依据",
    "公开对象",
    "公开方式",
)
