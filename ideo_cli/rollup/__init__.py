"""Roll-up for the superior: unit summaries, the units × kinds matrix, the late list.

``summary`` turns one unit (plan + ledger) into a small versioned summary
(the shape ``ideo status --format json`` writes, see ``SUMMARY-FORMAT.md``);
``load`` reads a workspace of plans and summaries into summaries, in parallel
and through a content-keyed cache; ``aggregate`` builds the roll-up of a
subtree from them.  The renderers (``ideo_cli/render/rollup/``) translate.
"""
