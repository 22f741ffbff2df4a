"""The page protocol: one typed spec per page, one parse of its URL state, one JSON copy for the browser.

A page declares a :class:`PageSpec` once and hands it to ``dash.register_page(..., spec=SPEC)``. The spec
names the page's query parameters (``dashboard.state.Param``, year bounds from the data store), its linked
time-series graphs and the controls that write into its state. From it come:

* :meth:`PageSpec.parse`: the query string (layout kwargs) -> a :class:`Selection`, with notices. This is
  the only place a ``year=`` is checked; layouts and callbacks receive the Selection.
* :meth:`PageSpec.selection`: the page's state store as a callback receives it (JSON the browser sent)
  -> a Selection, through the same parser (the values are written back as query text first).
* :meth:`PageSpec.stores`: the state and config stores of the page (pattern-matching ids, dashboard.ids);
  the config carries the parameter
  specs as JSON (:meth:`PageSpec.config`: kinds, defaults, choices, year bounds), which ``ruazProtocol``
  in assets/linking.js uses to validate clicks and controls and to encode the URL.
* the linking callbacks (``dashboard.linking.register_linking``): one set, registered once by the app,
  serving every page through pattern-matching ids; and the Excel download (:func:`register_download`),
  which validates the state once and hands the Selection to the page's workbook builder.

See ARCHITECTURE.md for the picture.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from dash import Input, Output, State, callback, dcc, html, no_update

from dashboard import ids
from dashboard.caching import never_cache
from dashboard.components import page_header
from dashboard.data import DataStore, store
from dashboard.exports import export_lang, export_language
from dashboard.figures import SELECTION_BAND
from dashboard.i18n import DEFAULT_LANG, _, current_lang, gettext, page_lang
from dashboard.state import Param, param_json, param_text, parse_params, selection_params
from dashboard.views import send_workbook

SHELL_PARAMS = ("year", "from", "to")  # what the shell store carries from page to page


@dataclass(frozen=True)
class Selection:
    """The validated state of one page: every parameter of its spec, typed, plus the parse notices."""

    values: Mapping[str, Any]
    notices: tuple[str, ...] = ()
    lang: str = DEFAULT_LANG  # the page's language (``?lang=``), kept in the state store for server callbacks

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    @property
    def year(self) -> int | None:
        """The selected year (None: nothing selected)."""
        return self.values.get("year")

    @property
    def xrange(self) -> tuple[int, int] | None:
        """The selected (from, to) years, inclusive (None: all years)."""
        lo, hi = self.values.get("from"), self.values.get("to")
        return (lo, hi) if lo is not None and hi is not None else None

    @property
    def events(self) -> bool:
        """Whether the events layer is on."""
        return bool(self.values.get("events"))

    @property
    def cats(self) -> list[str]:
        """The event categories shown (empty: all)."""
        return list(self.values.get("cats") or [])

    def state(self) -> dict[str, Any]:
        """The JSON of the page's state store (with ``lang``, which the URL carries apart from the spec's
        parameters: server callbacks read it from here)."""
        return {**{k: list(v) if isinstance(v, tuple) else v for k, v in self.values.items()}, "lang": self.lang}

    def filters(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        """Human description of the selection (the About sheet of a download)."""
        out: dict[str, str] = {}
        if self.year is not None:
            out["selected year"] = str(self.year)
        if self.xrange is not None:
            out["year range"] = f"{self.xrange[0]}–{self.xrange[1]}"
        out.update(extra or {})
        return out


@dataclass(frozen=True)
class PageText:
    """The words at the head of a page: title (H1), subtitle (the report chapter) and intro paragraph.

    Declared once per page in its spec with each literal marked ``_("...")`` for Babel's extraction (the
    module loads in English); :meth:`in_lang` is the one place they are translated, and
    ``components.page_header`` the one place they are drawn.
    """

    title: str
    subtitle: str
    intro: str

    def in_lang(self, lang: str) -> PageText:
        """The same words in ``lang`` (the catalogues' translations)."""
        return PageText(*(gettext(s, lang) for s in (self.title, self.subtitle, self.intro)))


@dataclass(frozen=True)
class PageSpec:
    """What a page declares once: its id prefix, parameters, linked graphs and controls.

    ``params`` builds the parameters from the data store (year bounds are the data's year range; choices
    such as SIPRI releases come from the data). ``graphs`` names the linked charts (id
    ``{"type": "ruaz-linked", "page": prefix, "chart": name}``); ``controls`` names the state keys a
    control writes (id ``{"type": "ruaz-control", "page": prefix, "key": key}``): see dashboard.ids.
    ``url_keeps_defaults``: the URL names every value, defaults included (the compare and data pages).
    ``text``: the page's title, subtitle and intro (:class:`PageText`).
    """

    prefix: str
    params: Callable[[DataStore], dict[str, Param]]
    graphs: tuple[str, ...] = ()
    controls: tuple[str, ...] = ()
    url_keeps_defaults: bool = False
    text: PageText | None = None

    def header(self, lang: str) -> html.Div:
        """The page's header (title, subtitle, intro) in ``lang``."""
        if self.text is None:
            raise ValueError(f"page {self.prefix!r} declares no PageText")
        words = self.text.in_lang(lang)
        return page_header(words.title, words.subtitle, words.intro)

    def graph_id(self, chart: str) -> dict[str, str]:
        """The pattern-matching id of a linked chart of this page."""
        return ids.linked(self.prefix, chart)

    def control_id(self, key: str) -> dict[str, str]:
        """The pattern-matching id of the control writing state key ``key``."""
        return ids.control(self.prefix, key)

    def element_id(self, kind: str) -> dict[str, str]:
        """The pattern-matching id of one of the page's linking elements (``state``, ``cfg``, ``clear``…)."""
        return ids.page_id(kind, self.prefix)

    @property
    def state_id(self) -> dict[str, str]:
        """The id of the page's state store (callbacks take ``Input/State(SPEC.state_id, "data")``)."""
        return self.element_id("state")

    @property
    def cfg_id(self) -> dict[str, str]:
        """The id of the page's config store (the spec as JSON)."""
        return self.element_id("cfg")

    def parse(self, data: DataStore, raw: Mapping[str, object]) -> Selection:
        """The query string (layout kwargs) -> Selection; a bad value gives a notice and the default."""
        parsed = parse_params(self.params(data), raw)
        return Selection(MappingProxyType(parsed.values), tuple(parsed.notices), page_lang(raw))

    def selection(self, data: DataStore, state: object) -> Selection:
        """A state store's JSON (as a callback receives it) -> Selection, through the same parser as the URL.

        Keys the spec does not know are dropped silently here: the store is the page's own, and the URL
        parse has already told the user about anything they typed.
        """
        specs = self.params(data)
        raw: dict[str, str] = {}
        if isinstance(state, Mapping):
            for key, value in state.items():
                if key in specs and value is not None:
                    raw[key] = param_text(specs[key].kind, value)
            if isinstance(state.get("lang"), str):
                raw["lang"] = state["lang"]
        return self.parse(data, raw)

    @property
    def year_picker_id(self) -> dict[str, str]:
        """Id of the page's keyboard year picker (it writes ``year``, beside the clear button)."""
        return self.element_id("year-pick")

    def has_year_picker(self, data: DataStore) -> bool:
        """True when the page links years: it has linked graphs and a ``year`` parameter."""
        return bool(self.graphs) and "year" in self.params(data)

    def year_picker(self, data: DataStore, selection: Selection) -> html.Div | None:
        """The year picker of a page that links years (None otherwise): a labelled dropdown of every year the
        ``year`` parameter allows, bound to the page state like a click on a chart (:func:`register_linking`
        in dashboard.linking wires it). Keyboard: Tab to it, arrows to move, Enter to choose."""
        if not self.has_year_picker(data):
            return None
        param = self.params(data)["year"]
        years = range(int(param.lo or 0), int(param.hi or 0) + 1)
        group: dict[str, Any] = {
            "role": "group",
            "aria-label": _("Select a year for every chart and panel of this page"),
        }
        return html.Div(
            [
                html.Label(_("Year"), htmlFor=ids.dom_id(self.year_picker_id), className="muted"),
                dcc.Dropdown(
                    id=self.year_picker_id,
                    options=[{"label": str(y), "value": y} for y in years],
                    value=selection.year,
                    placeholder=_("pick a year"),
                    clearable=False,
                    searchable=True,
                    className="year-picker",
                    style={"width": "12em"},  # the whole placeholder in every language (style.css)
                ),
            ],
            className="year-pick",
            style={"display": "inline-flex", "alignItems": "center", "gap": "4px"},
            **group,
        )

    def config(self, data: DataStore) -> dict[str, Any]:
        """The JSON the browser code reads: parameter specs (bounds, defaults, choices), the control map and
        the look of the selected-year band (``applySelection`` is the band's only renderer)."""
        return {
            "params": {k: param_json(p) for k, p in self.params(data).items()},
            "order": list(self.params(data)),
            "controls": list(self.controls),
            "yearPicker": self.has_year_picker(data),
            "keepDefaults": self.url_keeps_defaults,
            "band": SELECTION_BAND,
            # the words the browser writes into the page (assets/linking.js selectionText, pages.js deals)
            "words": {"none": _("none (click a point)"), "range": _("Range: "), "all": _("all years")},
            "lang": current_lang(),  # read by server callbacks that take the config (i18n.in_state_lang)
        }

    def stores(self, data: DataStore, selection: Selection) -> html.Div:
        """The page's stores: its state and its config, defaults included (:attr:`state_id`, :attr:`cfg_id`)."""
        return html.Div(
            [
                dcc.Store(id=self.state_id, data=selection.state()),
                dcc.Store(id=self.cfg_id, data=self.config(data)),
                # the event marker last clicked (dashboard.linking: only such a click asks the server)
                dcc.Store(id=ids.page_id("event-click", self.prefix)),
            ],
            className="stores",
        )

    def carries_selection(self, data: DataStore) -> bool:
        """True when the page takes the shell's selection (year and range) from a nav link."""
        return all(k in self.params(data) for k in SHELL_PARAMS)


def shell_params(data: DataStore) -> dict[str, Param]:
    """The parameters the shell store carries between pages (year and range)."""
    shared = selection_params(data.years[0], data.years[-1])
    return {k: shared[k] for k in SHELL_PARAMS}


def nav_config(data: DataStore, pages: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Nav entries from ``dash.page_registry`` and the shell parameters, as JSON for ``navLinks``."""
    entries = []
    for page in sorted(pages.values(), key=lambda p: (p.get("order") is None, p.get("order") or 0)):
        if page.get("nav") is False:  # the not-found page
            continue
        spec = page.get("spec")
        path = str(page["path"])
        entries.append(
            {
                "path": path,
                "name": str(page["name"]),
                "id": nav_id(path),
                "carry": isinstance(spec, PageSpec) and spec.carries_selection(data),
            }
        )
    params = shell_params(data)
    return {"pages": entries, "params": {k: param_json(p) for k, p in params.items()}, "order": list(params)}


def nav_id(path: str) -> str:
    """'/trade' -> 'nav-trade', '/' -> 'nav-overview'."""
    return f"nav-{path.strip('/') or 'overview'}"


def page_spec(module_name: str, pages: Mapping[str, Mapping[str, Any]]) -> PageSpec:
    """The spec a page module registered (KeyError when it registered none)."""
    spec = pages[module_name].get("spec")
    if not isinstance(spec, PageSpec):
        raise KeyError(f"{module_name} registered no page spec")
    return spec


Workbook = Callable[[DataStore, Selection], tuple[bytes, Sequence[object]]]


def register_download(spec: PageSpec, workbook: Workbook, state: str | None = None) -> Callable[[Any, Any], Any]:
    """Wire the page's "Download Excel" button: ``workbook(data, selection)`` returns the bytes and the parts
    of the file name. The state (store :attr:`PageSpec.state_id`, or ``state`` for a page whose view store has
    another name, e.g. /compare's ``cmp-view``) is parsed once, here; the callback is returned so that tests
    can call it. The workbook is in the page's language (``?lang=`` of the page's address, which the browser
    sends as the callback request's Referer; see :func:`dashboard.exports.export_lang`)."""

    @callback(
        Output(f"{spec.prefix}-download", "data"),
        Input(f"{spec.prefix}-download-btn", "n_clicks"),
        State(state or spec.state_id, "data"),
        prevent_initial_call=True,
    )
    @never_cache
    def download(n_clicks: Any, state: Any) -> Any:
        """Excel workbook of the data behind the current view, in the page's language (``?lang=``)."""
        if not n_clicks:
            return no_update
        data = store()
        with export_language(export_lang()):
            content, name = workbook(data, spec.selection(data, state))
        return send_workbook(content, *name)

    return download
