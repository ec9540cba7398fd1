"""Pagination for wide, sorted lists over a whole province.

`PaginatorKunci` sorts and slices on the primary keys only (a narrow query: the sort keys and the
id), then loads the full rows of the page by id. Sorting 20,000 wide annotated rows with their
joined OPD, unit and position only to keep 50 costs several times more than sorting the ids;
the page's rows come back in the order of the ids. Two queries per page instead of one.
"""
from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.http import urlencode


class PaginatorKunci(Paginator):
    object_list: QuerySet[Any]  # only for querysets: a page is loaded again by its ids

    def _get_page(self, potongan, number, paginator) -> Page:
        ids = list(potongan.values_list("pk", flat=True))
        baris = {b.pk: b for b in self.object_list.filter(pk__in=ids).order_by()}
        return Page([baris[i] for i in ids], number, paginator)


def param_tanpa(request, *buang: str) -> str:
    """The current query string without some keys (for pagination, sort and export links)."""
    return urlencode([(k, v) for k, v in request.GET.items() if k not in buang and v])


def param_halaman(request) -> str:
    """The filters to keep in a pager's links (`komponen/paginasi.html` appends `page=`)."""
    lain = param_tanpa(request, "page")
    return lain + "&" if lain else ""
