// The logjms console: reads /api/broker, /api/destinations and /api/subscriptions (docs/OPERATIONS.md)
// and draws messages in/out per second from the broker's counters. No libraries, nothing fetched elsewhere.
(function () {
  'use strict';
  var SAMPLES = 60;
  var series = { 'in': [], 'out': [] };
  var previous = null;

  function text(id, value) {
    document.getElementById(id).textContent = value;
  }

  function cell(row, value, numeric) {
    var td = document.createElement('td');
    td.textContent = value;
    if (numeric) {
      td.className = 'num';
    }
    row.appendChild(td);
    return td;
  }

  function fill(bodyId, items, columns, render) {
    var body = document.getElementById(bodyId);
    body.textContent = '';
    if (items.length === 0) {
      var empty = document.createElement('tr');
      cell(empty, 'none').colSpan = columns;
      body.appendChild(empty);
    }
    items.forEach(function (item) {
      var row = document.createElement('tr');
      render(row, item);
      body.appendChild(row);
    });
  }

  function getJson(path) {
    return fetch(path, { cache: 'no-store' }).then(function (response) {
      if (!response.ok) {
        throw new Error(path + ': HTTP ' + response.status);
      }
      return response.json();
    });
  }

  function duration(seconds) {
    var d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600);
    var m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
    return (d ? d + 'd ' : '') + (d || h ? h + 'h ' : '') + (d || h || m ? m + 'm ' : '') + s + 's';
  }

  function draw(canvasId, points) {
    var canvas = document.getElementById(canvasId);
    var ctx = canvas.getContext('2d');
    var w = canvas.width, h = canvas.height, pad = 4;
    ctx.clearRect(0, 0, w, h);
    var max = Math.max(1, Math.max.apply(null, points.concat([0])));
    ctx.fillStyle = '#6b7280';
    ctx.font = '11px sans-serif';
    ctx.fillText(String(Math.round(max)), pad, 12);
    ctx.strokeStyle = '#3056d3';
    ctx.lineWidth = 2;
    ctx.beginPath();
    points.forEach(function (v, i) {
      var x = pad + (w - 2 * pad) * i / (SAMPLES - 1);
      var y = h - pad - (h - 2 * pad - 14) * v / max;
      if (i === 0) {
        ctx.moveTo(x, y);
      } else {
        ctx.lineTo(x, y);
      }
    });
    ctx.stroke();
    canvas.setAttribute('data-samples', String(points.length));
    canvas.setAttribute('data-last', points.length ? String(points[points.length - 1]) : '0');
  }

  function push(name, value) {
    var points = series[name];
    points.push(value);
    if (points.length > SAMPLES) {
      points.shift();
    }
  }

  function showBroker(b) {
    text('broker-id', b.brokerId);
    text('broker-version', b.version);
    text('broker-state', b.state);
    text('broker-uptime', duration(b.uptimeSeconds));
    text('broker-connections', b.connections);
    text('broker-cluster', b.cluster === null ? 'single broker (no cluster)' : JSON.stringify(b.cluster));
    if (previous !== null && b.time > previous.time) {
      var seconds = (b.time - previous.time) / 1000;
      // a deleted destination takes its counts with it: a drop is not negative traffic
      var rateIn = Math.max(0, b.messagesIn - previous.messagesIn) / seconds;
      var rateOut = Math.max(0, b.messagesOut - previous.messagesOut) / seconds;
      push('in', rateIn);
      push('out', rateOut);
      text('rate-in', rateIn.toFixed(1));
      text('rate-out', rateOut.toFixed(1));
      draw('chart-in', series['in']);
      draw('chart-out', series.out);
    }
    previous = b;
  }

  function showDestinations(json) {
    fill('destinations-body', json.destinations, 4, function (row, d) {
      row.setAttribute('data-destination', d.type + ':' + d.name);
      cell(row, d.name);
      cell(row, d.type);
      cell(row, d.depth === null ? '' : d.depth, true);
      var parts = cell(row, d.partitions.map(function (p) {
        return p.partition + ': ' + p.logStartOffset + ' – ' + p.logEndOffset + (p.online ? '' : ' OFFLINE');
      }).join(', '));
      if (d.partitions.some(function (p) { return !p.online; })) {
        parts.className = 'offline';
      }
    });
  }

  function showSubscriptions(json) {
    fill('subscriptions-body', json.subscriptions, 7, function (row, s) {
      row.setAttribute('data-subscription', s.id);
      cell(row, s.id);
      cell(row, s.kind);
      cell(row, s.type + ':' + s.destination);
      cell(row, s.consumers, true);
      cell(row, s.lag, true);
      cell(row, s.inFlight, true);
      cell(row, s.delivered, true);
    });
  }

  function status(ok, message) {
    var el = document.getElementById('status');
    el.textContent = message;
    el.className = ok ? 'status' : 'status down';
  }

  var tick = 0;
  function refresh() {
    var calls = [getJson('api/broker').then(showBroker)];
    if (tick++ % 2 === 0) {
      calls.push(getJson('api/destinations').then(showDestinations));
      calls.push(getJson('api/subscriptions').then(showSubscriptions));
    }
    Promise.all(calls).then(function () {
      status(true, 'updated ' + new Date().toLocaleTimeString());
    }, function (e) {
      status(false, 'cannot reach the broker: ' + e.message);
    }).then(function () {
      setTimeout(refresh, 1000);
    });
  }

  draw('chart-in', []);
  draw('chart-out', []);
  refresh();
}());
