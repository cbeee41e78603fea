/// The frame of the `diff` and `timeline` HTML pages: the report's style, no scripts, nothing external.
enum SeriesPage {
    static let style =
        HTMLReport.style
        + "tr.added td:first-child{color:#2e8540;font-weight:600}tr.removed td:first-child{color:#c0392b;font-weight:600}"
        + "tr.changed td:first-child{color:#c27c0e;font-weight:600}.warning{background:#fdecea;padding:.5rem}"
        + ".note{background:#eef4fb;padding:.5rem}h3{margin-bottom:.3rem}"

    static func wrap(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLReport.e(title))</title>
        <style>\(style)</style></head>
        <body>
        \(body)</body></html>

        """
    }
}
