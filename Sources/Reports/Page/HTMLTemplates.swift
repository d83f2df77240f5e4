/// The page layout as Mustache templates, kept in Swift string literals so
/// the report needs no resource bundle.
///
/// ESCAPING RULE: every value is inserted with `{{name}}`, which HTML-escapes
/// `& < > " '`. The only triple-mustache `{{{svg}}}` inserts an
/// `SVGFragment` made by the chart module, whose texts `SVGWriter` has
/// already XML-escaped; nothing else may ever be inserted unescaped.
/// The CSS is part of the template text itself, never interpolated.
///
/// The page is also well-formed XML (self-closed void elements, no named
/// entities), so the tests can parse it whole; keep it that way.
enum HTMLTemplates {
    static let fontStack =
        "\"Hiragino Sans\", \"Hiragino Kaku Gothic ProN\", \"Noto Sans CJK JP\", \"Noto Sans JP\", \"Yu Gothic\", YuGothic, Meiryo, sans-serif"

    static let css = """
        :root { color-scheme: light; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; background: #ffffff; color: #222222; line-height: 1.6; font-size: 15px;
          font-family: \(fontStack);
          -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        main { max-width: 760px; margin: 0 auto; padding: 28px 20px 48px; }
        header.report h1 { font-size: 1.65em; line-height: 1.3; margin: 0 0 0.15em; }
        header.report .subtitle { margin: 0; color: #444444; font-size: 1.05em; }
        header.report .meta { margin: 0.6em 0 0; padding-bottom: 0.6em; border-bottom: 2px solid #0072B2;
          color: #555555; font-size: 0.85em; }
        header.report .meta span + span::before { content: " \\00B7  "; }
        nav.toc { font-size: 0.9em; margin: 1em 0 0.5em; }
        nav.toc h2 { font-size: 1em; border: none; padding: 0; margin: 0 0 0.2em; }
        nav.toc ol { margin: 0; padding-left: 1.6em; }
        nav.toc a { color: #0b5394; text-decoration: none; }
        section h2 { font-size: 1.25em; line-height: 1.35; margin: 2em 0 0.6em; padding-left: 0.5em;
          border-left: 4px solid #0072B2; }
        p { margin: 0.5em 0; }
        ul.bullets { margin: 0.4em 0 1em; padding-left: 1.4em; }
        table.data { border-collapse: collapse; width: 100%; margin: 0.6em 0 0.3em; font-size: 0.88em; }
        table.data caption { caption-side: top; text-align: left; font-weight: bold; padding: 0 0 0.35em; }
        table.data th, table.data td { padding: 0.3em 0.55em; border-bottom: 1px solid #cccccc; vertical-align: top; }
        table.data thead th { background: #f2f4f7; border-bottom: 2px solid #555555; text-align: left; font-weight: 600;
          overflow-wrap: anywhere; }
        table.data tbody th { text-align: left; font-weight: normal; }
        table.data .num { text-align: right; font-variant-numeric: tabular-nums; }
        table.data td.num, table.data .nowrap { white-space: nowrap; }
        table.data tbody th { min-width: 6.5em; }
        table.data .ci { font-size: 0.82em; color: #555555; }
        p.table-note { font-size: 0.82em; color: #444444; margin: 0 0 1.4em; }
        figure { margin: 1.2em 0 1.6em; }
        figure svg { display: block; width: 100%; height: auto; max-width: 680px; margin: 0 auto; }
        figcaption { font-size: 0.86em; color: #333333; margin-top: 0.4em; }
        figcaption .label, table.data caption .label { font-weight: bold; margin-right: 0.5em; }
        footer.notes { margin-top: 2.5em; border-top: 1px solid #bbbbbb; font-size: 0.85em; color: #333333; }
        footer.notes h2 { font-size: 1em; margin: 0.8em 0 0.3em; }
        footer.notes ol { padding-left: 1.6em; margin: 0; }
        @page { size: A4; margin: 15mm 15mm 16mm; }
        @media print {
          body { font-size: 10pt; }
          main { max-width: none; padding: 0; }
          nav.toc a { color: inherit; }
          section h2 { break-after: avoid; page-break-after: avoid; }
          figure, table.data, p.table-note, header.report { break-inside: avoid; page-break-inside: avoid; }
          figure svg { max-width: 100%; }
        }
        """

    static let page = """
        <!DOCTYPE html>
        <html lang="{{lang}}" xmlns="http://www.w3.org/1999/xhtml">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="wardsim {{version}}"/>
        <title>{{docTitle}}</title>
        <style>
        \(css)
        </style>
        </head>
        <body>
        <main>
        <header class="report">
        <h1>{{docTitle}}</h1>
        {{#hasSubtitle}}
        <p class="subtitle">{{docSubtitle}}</p>
        {{/hasSubtitle}}
        <p class="meta"><span>{{generatedText}}</span><span>{{versionText}}</span></p>
        </header>
        {{#hasToc}}
        <nav class="toc">
        <h2>{{tocLabel}}</h2>
        <ol>
        {{#toc}}
        <li><a href="#{{tocAnchor}}">{{tocTitle}}</a></li>
        {{/toc}}
        </ol>
        </nav>
        {{/hasToc}}
        {{#sections}}
        <section id="{{sectionAnchor}}">
        <h2>{{sectionNumber}}. {{sectionTitle}}</h2>
        {{#blocks}}
        {{#isParagraph}}
        <p>{{paragraphText}}</p>
        {{/isParagraph}}
        {{#isBullets}}
        <ul class="bullets">
        {{#bulletItems}}
        <li>{{bulletText}}</li>
        {{/bulletItems}}
        </ul>
        {{/isBullets}}
        {{#isTable}}
        <table class="data" id="{{tableAnchor}}">
        <caption><span class="label">{{tableLabel}}</span>{{tableCaption}}</caption>
        <thead><tr>{{#headers}}<th scope="col" class="{{headerClass}}">{{headerText}}</th>{{/headers}}</tr></thead>
        <tbody>
        {{#rows}}
        <tr>{{#cells}}{{#cellIsRowHeader}}<th scope="row">{{cellText}}</th>{{/cellIsRowHeader}}{{^cellIsRowHeader}}<td{{#cellNumeric}} class="num"{{/cellNumeric}}>{{cellText}}{{#cellHasCI}}<br/><span class="ci">{{cellCI}}</span>{{/cellHasCI}}</td>{{/cellIsRowHeader}}{{/cells}}</tr>
        {{/rows}}
        </tbody>
        </table>
        {{#hasTableNote}}
        <p class="table-note">{{tableNote}}</p>
        {{/hasTableNote}}
        {{/isTable}}
        {{#isFigure}}
        <figure id="{{figureAnchor}}">
        {{{svg}}}
        <figcaption><span class="label">{{figureLabel}}</span>{{figureCaption}}</figcaption>
        </figure>
        {{/isFigure}}
        {{/blocks}}
        </section>
        {{/sections}}
        {{#hasFootnotes}}
        <footer class="notes">
        <h2>{{notesLabel}}</h2>
        <ol>
        {{#footnotes}}
        <li id="{{noteAnchor}}">{{noteText}}</li>
        {{/footnotes}}
        </ol>
        </footer>
        {{/hasFootnotes}}
        </main>
        </body>
        </html>

        """
}
