"""The `variables:` section: meters, counters and hidden values, each with its start in range."""
from __future__ import annotations

from .. import expressions as ex
from ..model import Variable
from ..spec import VAR_RE, VARIABLE
from .reader import is_number


def read_variables(b, top) -> tuple:
    if "variables" not in top or top["variables"] is None:
        return ()
    vm = b.mapping(top["variables"], b.vpos(top, "variables"), "'variables'")
    if vm is None:
        return ()
    out = []
    for name, spec in vm.items():
        where = f"variable '{name}'"
        pos = b.kpos(vm, name)
        if not VAR_RE.match(str(name)) or str(name) in ex.KEYWORDS or name == "time" \
                or str(name).startswith("__") or name in ex.FUNCTIONS:
            why = "it is the name of a function" if name in ex.FUNCTIONS else \
                "it is a reserved word" if str(name) in ex.KEYWORDS or name == "time" else \
                "use letters, digits and _"
            b.r.error(pos, f"'{name}' cannot be a variable name", why)
            continue
        sm = b.mapping(spec, b.vpos(vm, name), where)
        if sm is None:
            continue
        b.keys(sm, where, VARIABLE.keys, VARIABLE.required)
        vtype = b.choice(sm, VARIABLE, "type", where)
        lo = b.read(sm, VARIABLE, "min", where)
        hi = b.read(sm, VARIABLE, "max", where)
        if lo is not None and hi is not None and lo > hi:
            b.r.error(b.vpos(sm, "min"), f"min is above max in {where}")
        start = sm.get("start", 0)
        if vtype == "bool":
            if not isinstance(start, bool):
                b.r.error(b.vpos(sm, "start"), f"start of {where} must be true or false")
                start = False
        elif not is_number(start):
            b.r.error(b.vpos(sm, "start"), f"start of {where} must be a number")
            start = 0
        elif (lo is not None and start < lo) or (hi is not None and start > hi):
            b.r.error(b.vpos(sm, "start"), f"start of {where} is outside its min and max")
        elif vtype == "int" and not float(start).is_integer():
            b.r.error(b.vpos(sm, "start"), f"start of {where} must be a whole number",
                      "or use type: number")
        if vtype == "int" and is_number(start):
            start = int(start)
        show = b.choice(sm, VARIABLE, "show", where)
        if show == "meter" and (lo is None or hi is None):
            b.r.error(b.vpos(sm, "show"), f"a meter needs min and max ({where})")
            show = "counter"
        if vtype == "bool":
            show = "hidden"
        label = b.text(sm, "label", where, required=show != "hidden")
        good = b.choice(sm, VARIABLE, "good", where)
        v = Variable(str(name), vtype, start, lo, hi, show, label, good, b.read(sm, VARIABLE, "judges", where))
        b.variables[v.id] = (v, pos)
        b.var_names.add(v.id)
        out.append(v)
    return tuple(out)
