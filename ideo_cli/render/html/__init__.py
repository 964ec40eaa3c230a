"""The static HTML site (``ideo html``, ``ideo rollup --format html``): Jinja2
templates with autoescape, charts as inline SVG, no scripts from anywhere."""
