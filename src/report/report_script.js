// report_script.js - the page's own script (humsec report; docs/report.md).
// Embedded in libhumsec as report_script.c (generated from this file: see
// there); the test report_test_report_page checks that the two agree.
//
// The page holds hs-meta (what to show: sections of charts, each with its
// type, data set, title, one-line explanation and fields) and hs-data (the
// output's tables as {columns, rows}). Each chart type below turns a chart
// object and its rows into a Vega specification. When every chart has been
// drawn, the body says how many drew marks (data-rendered), how many were
// asked for (data-charts) and how many script errors there were
// (data-errors): the browser test reads these.
'use strict';
(function () {
  const meta = JSON.parse(document.getElementById('hs-meta').textContent);
  const data = JSON.parse(document.getElementById('hs-data').textContent);
  const COLOR = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b',
    '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
  const cache = {};

  // Rows of a data set as objects.
  function rows(name) {
    if (cache[name]) return cache[name];
    const d = data[name];
    if (!d) throw new Error('humsec report: no data set ' + name);
    const out = d.rows.map(function (r) {
      const o = {};
      d.columns.forEach(function (c, i) { o[c] = r[i]; });
      return o;
    });
    cache[name] = out;
    return out;
  }

  function filtered(c) {
    let rs = rows(c.data);
    if (c.filter) {
      Object.keys(c.filter).forEach(function (k) {
        rs = rs.filter(function (r) { return String(r[k]) === String(c.filter[k]); });
      });
    }
    return rs;
  }

  function num(v) { return typeof v === 'number' && isFinite(v); }

  // A tick format for values up to max: SI prefixes (12k, 1.5M) for large
  // numbers, plain decimals otherwise (never 500m for a half).
  function autoFormat(values, fields) {
    let max = 0;
    values.forEach(function (v) {
      fields.forEach(function (f) { if (num(v[f])) max = Math.max(max, Math.abs(v[f])); });
    });
    return max >= 1e5 ? '~s' : ',~r';
  }

  function quantile(sorted, p) {
    if (!sorted.length) return null;
    const h = (sorted.length - 1) * p, lo = Math.floor(h), hi = Math.ceil(h);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (h - lo);
  }

  function base(c, values) {
    return {
      width: c.width || 600, height: c.height || 240, padding: 5,
      autosize: { type: 'fit-x', contains: 'padding' },
      data: [{ name: 'v', values: values }],
      config: { axis: { labelFontSize: 11, titleFontSize: 12 },
        legend: { labelFontSize: 11, titleFontSize: 12 } }
    };
  }

  // Colours by name: a chart's own domain (the arms, in order, on every chart
  // of a comparison) keeps one name one colour across the page.
  function colorScale(domain) {
    return { name: 'color', type: 'ordinal', domain: domain,
      range: domain.length <= COLOR.length ? COLOR : { scheme: 'tableau20' } };
  }

  function distinct(values, f) {
    const seen = [];
    values.forEach(function (v) { if (seen.indexOf(v[f]) < 0) seen.push(v[f]); });
    return seen;
  }

  function legend(title) {
    return [{ fill: 'color', stroke: 'color', title: title || null, orient: 'right',
      symbolType: 'stroke', symbolStrokeWidth: 3 }];
  }

  // Lines over x: series named in c.series (wide columns) or by c.color (long).
  function lines(c) {
    const values = [];
    filtered(c).forEach(function (r) {
      if (!num(r[c.x])) return;
      if (c.series) {
        c.series.forEach(function (f, i) {
          if (num(r[f])) values.push({ x: r[c.x], y: r[f], s: c.labels ? c.labels[i] : f });
        });
      } else if (num(r[c.y])) {
        const v = { x: r[c.x], y: r[c.y], s: c.color ? String(r[c.color]) : c.ytitle };
        if (c.lo && num(r[c.lo])) { v.lo = r[c.lo]; v.hi = r[c.hi]; }
        if (c.sd && num(r[c.sd])) { v.lo = r[c.y] - r[c.sd]; v.hi = r[c.y] + r[c.sd]; }
        values.push(v);
      }
    });
    const band = !!(c.lo || c.sd);
    const spec = base(c, values);
    const dom = c.labels || c.domain || distinct(values, 's');
    spec.scales = [
      { name: 'x', type: 'linear', domain: { data: 'v', field: 'x' }, range: 'width',
        zero: false, nice: false },
      { name: 'y', type: c.yscale || 'linear', range: 'height', zero: !!c.yzero, nice: true,
        // All zero (no one jailed in a calm state): an axis from 0 to 1, not a lone 0.
        domain: values.some(function (v) { return v.y !== 0; }) ?
          { data: 'v', fields: band ? ['y', 'lo', 'hi'] : ['y'] } : [0, 1] },
      colorScale(dom)
    ];
    spec.axes = [
      { orient: 'bottom', scale: 'x', title: c.xtitle, format: c.xformat || 'd', tickCount: 8 },
      { orient: 'left', scale: 'y', title: c.ytitle,
        format: c.yformat || autoFormat(values, ['y', 'lo', 'hi']), grid: true }
    ];
    spec.legends = dom.length > 1 ? legend(c.legend) : [];
    const mark = { type: 'line', name: 'hsline', from: { data: 's' },
      encode: { enter: {
        x: { scale: 'x', field: 'x' }, y: { scale: 'y', field: 'y' },
        stroke: { scale: 'color', field: 's' }, strokeWidth: { value: c.points ? 1 : 2 },
        strokeDash: c.dashed ? { signal: 'indexof(' + JSON.stringify(c.dashed) +
          ', datum.s) >= 0 ? [5, 3] : [1, 0]' } : { value: [1, 0] } } } };
    const group = { type: 'group',
      from: { facet: { name: 's', data: 'v', groupby: 's' } }, marks: [] };
    if (band) {
      group.marks.push({ type: 'area', name: 'hsband', from: { data: 's' },
        encode: { enter: { x: { scale: 'x', field: 'x' }, y: { scale: 'y', field: 'lo' },
          y2: { scale: 'y', field: 'hi' }, fill: { scale: 'color', field: 's' },
          fillOpacity: { value: 0.2 } } } });
    }
    group.marks.push(mark);
    spec.marks = [group];
    if (c.points) {
      spec.marks.push({ type: 'symbol', name: 'hspoints', from: { data: 'v' },
        encode: { enter: { x: { scale: 'x', field: 'x' }, y: { scale: 'y', field: 'y' },
          fill: { scale: 'color', field: 's' }, size: { value: 30 } } } });
    }
    return spec;
  }

  // Fan chart: per arm, the 5-95% and 25-75% bands of replicates and the median.
  function fan(c) {
    let values = [];
    if (c.from === 'outcomes') {
      const groups = {};
      filtered(c).forEach(function (r) {
        if (!num(r.value)) return;
        const k = r.arm + '|' + r.horizon;
        (groups[k] = groups[k] || { s: String(r.arm), x: r.horizon, v: [] }).v.push(r.value);
      });
      Object.keys(groups).forEach(function (k) {
        const g = groups[k], v = g.v.sort(function (a, b) { return a - b; });
        values.push({ s: g.s, x: g.x, p05: quantile(v, 0.05), p25: quantile(v, 0.25),
          p50: quantile(v, 0.5), p75: quantile(v, 0.75), p95: quantile(v, 0.95) });
      });
      values.sort(function (a, b) { return a.x - b.x; });
    } else {
      values = filtered(c).filter(function (r) { return num(r.day) && num(r.p50); })
        .map(function (r) {
          return { s: String(r.arm), x: r.day, p05: r.p05, p25: r.p25, p50: r.p50,
            p75: r.p75, p95: r.p95 };
        });
    }
    const spec = base(c, values);
    const dom = c.domain || distinct(values, 's');
    spec.scales = [
      { name: 'x', type: 'linear', domain: { data: 'v', field: 'x' }, range: 'width',
        zero: false },
      { name: 'y', type: 'linear', domain: { data: 'v', fields: ['p05', 'p95'] },
        range: 'height', zero: false, nice: true },
      colorScale(dom)
    ];
    spec.axes = [
      { orient: 'bottom', scale: 'x', title: c.xtitle, format: 'd', tickCount: 8 },
      { orient: 'left', scale: 'y', title: c.ytitle,
        format: c.yformat || autoFormat(values, ['p05', 'p95']), grid: true }
    ];
    spec.legends = legend(c.legend || 'arm');
    function band(lo, hi, op, name) {
      return { type: 'area', name: name, from: { data: 's' }, encode: { enter: {
        x: { scale: 'x', field: 'x' }, y: { scale: 'y', field: lo }, y2: { scale: 'y', field: hi },
        fill: { scale: 'color', field: 's' }, fillOpacity: { value: op } } } };
    }
    spec.marks = [{ type: 'group', from: { facet: { name: 's', data: 'v', groupby: 's' } },
      marks: [band('p05', 'p95', 0.12, 'hsfan90'), band('p25', 'p75', 0.25, 'hsfan50'),
        { type: 'line', name: 'hsmedian', from: { data: 's' }, encode: { enter: {
          x: { scale: 'x', field: 'x' }, y: { scale: 'y', field: 'p50' },
          stroke: { scale: 'color', field: 's' }, strokeWidth: { value: 2 } } } }] }];
    if (c.from === 'outcomes') {
      spec.marks.push({ type: 'symbol', name: 'hsmedianpts', from: { data: 'v' },
        encode: { enter: { x: { scale: 'x', field: 'x' }, y: { scale: 'y', field: 'p50' },
          fill: { scale: 'color', field: 's' }, size: { value: 40 } } } });
    }
    return spec;
  }

  // A label per row with an estimate and its interval (a forest plot), or bars.
  function forest(c) {
    const values = [];
    filtered(c).forEach(function (r) {
      if (!num(r[c.est])) return;
      const label = c.label.map(function (p) {
        return p.charAt(0) === '=' ? p.slice(1) : (r[p] === null ? 'NA' : String(r[p]));
      }).join('');
      values.push({ label: label, est: r[c.est], lo: num(r[c.lo]) ? r[c.lo] : r[c.est],
        hi: num(r[c.hi]) ? r[c.hi] : r[c.est], s: c.color ? String(r[c.color]) : '',
        also: c.also && num(r[c.also]) ? r[c.also] : null,
        o: c.order && num(r[c.order]) ? r[c.order] : Infinity });
    });
    if (c.order) values.sort(function (a, b) { return a.o - b.o; });
    if (c.sort) values.sort(function (a, b) { return c.sort === 'desc' ? b.est - a.est : a.est - b.est; });
    if (c.max && values.length > c.max) values.length = c.max;
    const spec = base(c, values);
    spec.height = c.height || Math.max(80, 16 * values.length);
    const seen = distinct(values, 's');
    const dom = c.domain ? c.domain.filter(function (d) { return seen.indexOf(d) >= 0; }) : seen;
    const xfields = c.bar ? ['lo', 'hi', 'zero'] : ['lo', 'hi'];
    if (c.also) xfields.push('also');
    values.forEach(function (v) { v.zero = 0; });
    spec.scales = [
      { name: 'y', type: 'band', domain: values.map(function (v) { return v.label; }),
        range: 'height', padding: 0.2 },
      { name: 'x', type: c.xscale || 'linear', domain: { data: 'v', fields: xfields },
        range: 'width', nice: true, zero: !!c.zero || !!c.bar, reverse: !!c.reverse },
      colorScale(dom.length ? dom : [''])
    ];
    spec.axes = [
      { orient: 'bottom', scale: 'x', title: c.xtitle,
        format: c.xformat || autoFormat(values, xfields), grid: true, tickCount: 6 },
      { orient: 'left', scale: 'y', labelLimit: 260 }
    ];
    spec.legends = dom.length > 1 ? [{ fill: 'color', title: c.legend || null }] : [];
    spec.marks = [];
    if (c.zero) {
      spec.marks.push({ type: 'rule', encode: { enter: { x: { scale: 'x', value: 0 },
        y: { value: 0 }, y2: { signal: 'height' }, stroke: { value: '#333' },
        strokeDash: { value: [4, 3] } } } });
    }
    if (c.bar) {
      spec.marks.push({ type: 'rect', name: 'hsbar', from: { data: 'v' }, encode: { enter: {
        y: { scale: 'y', field: 'label' }, height: { scale: 'y', band: 1 },
        x: { scale: 'x', value: 0 }, x2: { scale: 'x', field: 'est' },
        fill: { scale: 'color', field: 's' }, fillOpacity: { value: 0.7 } } } });
    }
    spec.marks.push({ type: 'rule', name: 'hsinterval', from: { data: 'v' }, encode: { enter: {
      y: { scale: 'y', field: 'label', band: 0.5 }, x: { scale: 'x', field: 'lo' },
      x2: { scale: 'x', field: 'hi' }, stroke: c.bar ? { value: '#222' } :
        { scale: 'color', field: 's' }, strokeWidth: { value: 2 } } } });
    if (!c.bar) {
      spec.marks.push({ type: 'symbol', name: 'hsestimate', from: { data: 'v' },
        encode: { enter: { y: { scale: 'y', field: 'label', band: 0.5 },
          x: { scale: 'x', field: 'est' }, fill: { scale: 'color', field: 's' },
          size: { value: 50 } } } });
    }
    if (c.also) {
      spec.marks.push({ type: 'symbol', name: 'hsalso', from: { data: 'v' },
        encode: { enter: { y: { scale: 'y', field: 'label', band: 0.5 },
          x: { scale: 'x', field: 'also' }, shape: { value: 'diamond' }, fill: { value: '#000' },
          size: { value: 30 }, opacity: { signal: 'datum.also === null ? 0 : 1' } } } });
    }
    return spec;
  }

  // PRIM boxes: each restricted parameter's range inside its sampled range.
  function prim(c) {
    const runs = c.runs && data[c.runs] ? rows(c.runs) : [];
    const values = [];
    filtered(c).forEach(function (r) {
      let lo = 0, hi = 1;
      const vals = runs.map(function (x) { return x[r.parameter]; }).filter(num);
      let min = Math.min.apply(null, vals), max = Math.max.apply(null, vals);
      if (!vals.length) { min = num(r.low) ? r.low : 0; max = num(r.high) ? r.high : 1; }
      const span = max > min ? max - min : 1;
      lo = num(r.low) ? (r.low - min) / span : 0;
      hi = num(r.high) ? (r.high - min) / span : 1;
      values.push({ label: 'box ' + r.box + ' (coverage ' + (+r.coverage).toFixed(2) +
        ', density ' + (+r.density).toFixed(2) + '): ' + r.parameter,
        lo: Math.max(0, lo), hi: Math.min(1, hi),
        text: (num(r.low) ? String(+r.low.toPrecision(3)) : 'lowest sampled') + ' to ' +
          (num(r.high) ? String(+r.high.toPrecision(3)) : 'highest sampled') });
    });
    const spec = base(c, values);
    spec.height = Math.max(60, 22 * values.length);
    spec.scales = [
      { name: 'y', type: 'band', domain: values.map(function (v) { return v.label; }),
        range: 'height', padding: 0.25 },
      { name: 'x', type: 'linear', domain: [0, 1], range: 'width' }
    ];
    spec.axes = [
      { orient: 'bottom', scale: 'x', title: c.xtitle, format: '.0%' },
      { orient: 'left', scale: 'y', labelLimit: 360 }
    ];
    spec.marks = [
      { type: 'rect', from: { data: 'v' }, encode: { enter: {
        y: { scale: 'y', field: 'label' }, height: { scale: 'y', band: 1 },
        x: { scale: 'x', value: 0 }, x2: { scale: 'x', value: 1 }, fill: { value: '#eee' } } } },
      { type: 'rect', name: 'hsbox', from: { data: 'v' }, encode: { enter: {
        y: { scale: 'y', field: 'label' }, height: { scale: 'y', band: 1 },
        x: { scale: 'x', field: 'lo' }, x2: { scale: 'x', field: 'hi' },
        fill: { value: '#1f77b4' }, fillOpacity: { value: 0.7 } } } },
      { type: 'text', from: { data: 'v' }, encode: { enter: {
        y: { scale: 'y', field: 'label', band: 0.5 }, x: { scale: 'x', field: 'hi' },
        dx: { value: 4 }, baseline: { value: 'middle' }, text: { field: 'text' },
        fontSize: { value: 10 } } } }
    ];
    return spec;
  }

  // Values of one statistic per seed, with their median.
  function strip(c) {
    const values = filtered(c).filter(function (r) { return num(r[c.x]); })
      .map(function (r, i) { return { x: r[c.x], j: (i * 0.618) % 1 }; });
    const sorted = values.map(function (v) { return v.x; }).sort(function (a, b) { return a - b; });
    const spec = base(c, values);
    spec.height = c.height || 60;
    spec.data.push({ name: 'm', values: [{ x: quantile(sorted, 0.5) }] });
    spec.scales = [
      { name: 'x', type: 'linear', domain: { data: 'v', field: 'x' }, range: 'width', nice: true,
        zero: false },
      { name: 'y', type: 'linear', domain: [0, 1], range: 'height' }
    ];
    spec.axes = [{ orient: 'bottom', scale: 'x', title: c.xtitle,
      format: autoFormat(values, ['x']) }];
    spec.marks = [
      { type: 'symbol', name: 'hsseed', from: { data: 'v' }, encode: { enter: {
        x: { scale: 'x', field: 'x' }, y: { scale: 'y', field: 'j' }, size: { value: 40 },
        fill: { value: '#1f77b4' }, fillOpacity: { value: 0.6 } } } },
      { type: 'rule', from: { data: 'm' }, encode: { enter: { x: { scale: 'x', field: 'x' },
        y: { value: 0 }, y2: { signal: 'height' }, stroke: { value: '#d62728' },
        strokeWidth: { value: 2 } } } }
    ];
    return spec;
  }

  // Locations at their coordinates: people there on the chosen day (circle),
  // those who fled there (dark), routes between them, a slider for the day.
  function map(c) {
    const at = {};
    c.locations.forEach(function (l) { at[l.name] = l; });
    const values = [];
    filtered(c).forEach(function (r) {
      const l = at[r[c.name]];
      if (!l || !num(r[c.x])) return;
      let people = 0, fled = 0;
      c.people.forEach(function (f) { if (num(r[f])) people += r[f]; });
      c.fled.forEach(function (f) { if (num(r[f])) fled += r[f]; });
      values.push({ day: r[c.x], name: l.name, state: l.state, lat: l.lat, lon: l.lon,
        people: people, fled: fled });
    });
    const days = distinct(values, 'day').sort(function (a, b) { return a - b; });
    const last = days.length ? days[days.length - 1] : 0;
    const routes = c.routes.map(function (r) {
      const a = at[r[0]], b = at[r[1]];
      return a && b ? { x1: a.lon, y1: a.lat, x2: b.lon, y2: b.lat } : null;
    }).filter(function (r) { return r; });
    const lons = c.locations.map(function (l) { return l.lon; });
    const lats = c.locations.map(function (l) { return l.lat; });
    const pad = 0.08 * Math.max(Math.max.apply(null, lons) - Math.min.apply(null, lons),
      Math.max.apply(null, lats) - Math.min.apply(null, lats), 0.1);
    const spec = base(c, values);
    spec.autosize = 'pad';
    spec.height = c.height || 420;
    spec.signals = [{ name: 'day', value: last, bind: { input: 'range', min: days[0] || 0,
      max: last, step: days.length > 1 ? days[1] - days[0] : 1, name: 'day ' } }];
    spec.data = [
      { name: 'v', values: values, transform: [{ type: 'filter', expr: 'datum.day === day' }] },
      { name: 'routes', values: routes },
      { name: 'locs', values: c.locations }
    ];
    spec.scales = [
      { name: 'x', type: 'linear', domain: [Math.min.apply(null, lons) - pad,
        Math.max.apply(null, lons) + pad], range: 'width', zero: false },
      { name: 'y', type: 'linear', domain: [Math.min.apply(null, lats) - pad,
        Math.max.apply(null, lats) + pad], range: 'height', zero: false },
      { name: 'size', type: 'sqrt', domain: [0, { signal: 'hsMax' }], range: [0, 1600] },
      colorScale(distinct(c.locations, 'state'))
    ];
    let maxPeople = 1;
    values.forEach(function (v) { if (v.people > maxPeople) maxPeople = v.people; });
    spec.scales[2].domain = [0, maxPeople];
    spec.axes = [
      { orient: 'bottom', scale: 'x', title: 'longitude (degrees)', tickCount: 6 },
      { orient: 'left', scale: 'y', title: 'latitude (degrees)', tickCount: 6 }
    ];
    spec.legends = [{ fill: 'color', title: 'state', symbolType: 'circle' }];
    spec.marks = [
      { type: 'rule', name: 'hsroute', from: { data: 'routes' }, encode: { enter: {
        x: { scale: 'x', field: 'x1' }, y: { scale: 'y', field: 'y1' },
        x2: { scale: 'x', field: 'x2' }, y2: { scale: 'y', field: 'y2' },
        stroke: { value: '#bbb' }, strokeWidth: { value: 1.5 } } } },
      { type: 'symbol', name: 'hspeople', from: { data: 'v' }, encode: { update: {
        x: { scale: 'x', field: 'lon' }, y: { scale: 'y', field: 'lat' },
        size: { scale: 'size', field: 'people' }, fill: { scale: 'color', field: 'state' },
        fillOpacity: { value: 0.35 }, stroke: { scale: 'color', field: 'state' },
        tooltip: { signal: 'datum.name + \': \' + format(datum.people, \',\') + \' people, \' + format(datum.fled, \',\') + \' fled there\'' } } } },
      { type: 'symbol', name: 'hsfled', from: { data: 'v' }, encode: { update: {
        x: { scale: 'x', field: 'lon' }, y: { scale: 'y', field: 'lat' },
        size: { scale: 'size', field: 'fled' }, fill: { value: '#111' },
        fillOpacity: { value: 0.75 } } } },
      { type: 'text', from: { data: 'locs' }, encode: { enter: {
        x: { scale: 'x', field: 'lon' }, y: { scale: 'y', field: 'lat' }, dy: { value: -8 },
        align: { value: 'center' }, text: { field: 'name' }, fontSize: { value: 10 },
        fill: { value: '#333' } } } },
      { type: 'text', encode: { update: { x: { value: 0 }, y: { value: 0 }, dy: { value: 10 },
        text: { signal: '\'day \' + day' }, fontSize: { value: 13 }, fontWeight: { value: 'bold' } } } }
    ];
    return spec;
  }

  const builders = { lines: lines, fan: fan, forest: forest, prim: prim, strip: strip,
    map: map };

  // --- the page ---

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function countMarks(view) {
    let n = 0;
    (function walk(mark) {
      if (!mark || !mark.items) return;
      if (mark.marktype !== 'group' && mark.name && mark.name.indexOf('hs') === 0)
        n += mark.items.length;
      mark.items.forEach(function (it) { if (it.items) it.items.forEach(walk); });
    })(view.scenegraph().root);
    return n;
  }

  function header() {
    document.getElementById('hs-title').textContent = meta.title || 'humsec report';
    document.getElementById('hs-subtitle').textContent = meta.subtitle || '';
    const notes = document.getElementById('hs-notes');
    (meta.notes || []).forEach(function (t) { notes.appendChild(el('p', 'note', t)); });
    const tb = document.getElementById('hs-record');
    (meta.record || []).forEach(function (kv) {
      const tr = el('tr');
      tr.appendChild(el('th', null, kv[0]));
      tr.appendChild(el('td', null, typeof kv[1] === 'object' && kv[1] !== null ?
        JSON.stringify(kv[1]) : String(kv[1])));
      tb.appendChild(tr);
    });
    const files = document.getElementById('hs-files');
    (meta.files || []).forEach(function (f) {
      const d = el('details');
      d.appendChild(el('summary', null, f.name));
      d.appendChild(el('pre', null, f.text));
      files.appendChild(d);
    });
  }

  function draw() {
    const main = document.getElementById('hs-main');
    const jobs = [];
    let total = 0;
    meta.sections.forEach(function (s) {
      const sec = el('section');
      sec.appendChild(el('h2', null, s.title));
      if (s.text) sec.appendChild(el('p', 'lead', s.text));
      const grid = el('div', 'grid');
      sec.appendChild(grid);
      main.appendChild(sec);
      s.charts.forEach(function (c) {
        total++;
        const fig = el('figure', 'chart' + (c.wide ? ' wide' : ''));
        fig.id = c.id;
        fig.appendChild(el('h3', null, c.title));
        if (c.explain) fig.appendChild(el('p', 'explain', c.explain));
        const box = el('div', 'view');
        fig.appendChild(box);
        grid.appendChild(fig);
        const job = Promise.resolve().then(function () {
          // As wide as the figure (the chart's axes and legend included).
          if (!c.width) c.width = Math.max(320, box.clientWidth - (c.type === 'map' ? 180 : 10));
          const spec = builders[c.type](c);
          const view = new vega.View(vega.parse(spec), { renderer: 'svg', container: box,
            hover: true });
          return view.runAsync().then(function () {
            const n = countMarks(view);
            fig.setAttribute('data-marks', n);
            if (!n) fig.appendChild(el('p', 'empty', 'Nothing to draw: no values in the output.'));
            return n > 0;
          });
        }).catch(function (e) {
          window.hsError(e);
          fig.appendChild(el('p', 'empty', 'This chart failed: ' + e));
          return false;
        });
        jobs.push(job);
      });
    });
    document.body.setAttribute('data-charts', total);
    return Promise.all(jobs).then(function (ok) {
      const drawn = ok.filter(function (x) { return x; }).length;
      document.body.setAttribute('data-rendered', drawn);
      document.body.setAttribute('data-errors', window.hsErrors.length);
      document.body.setAttribute('data-status', 'done');
      document.getElementById('hs-status').textContent = drawn + ' of ' + total +
        ' charts drawn' + (window.hsErrors.length ? '; errors: ' + window.hsErrors.join('; ') : '.');
    });
  }

  try {
    header();
    draw();
  } catch (e) {
    window.hsError(e);
    document.body.setAttribute('data-status', 'done');
    document.body.setAttribute('data-errors', window.hsErrors.length);
  }
})();
