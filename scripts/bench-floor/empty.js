// bench:page's floor (scripts/lib/bench-floor.ts): a content script that starts nothing. What it adds to a
// page is what any content script costs there: the isolated world, the injection, the manifest's CSS.
