// The case history's diagram: bpmn-js (navigated viewer) with the elements marked by state and
// overlays of when and by whom. The markers come from the page (data-markers); no inline script (CSP).
(function () {
  'use strict';
  var container = document.getElementById('diagram');
  if (!container) {
    return;
  }
  var markers = JSON.parse(container.getAttribute('data-markers') || '{}');
  var viewer = new BpmnJS({ container: container });

  function showError(error) {
    var message = document.getElementById('diagram-error');
    message.textContent = message.getAttribute('data-prefix') + ' ' + (error && error.message ? error.message : error);
    message.hidden = false;
    container.setAttribute('data-ready', 'error');
  }

  function mark(registry, canvas, ids, className) {
    (ids || []).forEach(function (id) {
      if (registry.get(id)) {
        canvas.addMarker(id, className);
      }
    });
  }

  // The whole diagram when it fits; a long process on a phone would be a thin line, so then it fills
  // the height from its start and the reader pans along it.
  function fit(canvas) {
    canvas.zoom('fit-viewport');
    var box = canvas.viewbox();
    var readable = Math.min(1, box.outer.height / (box.inner.height + 40));
    if (box.scale < readable) {
      canvas.viewbox({ x: box.inner.x - 20, y: box.inner.y - 20,
        width: box.outer.width / readable, height: box.outer.height / readable });
    }
  }

  fetch(container.getAttribute('data-xml'), { credentials: 'same-origin' })
    .then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.text();
    })
    .then(function (xml) {
      return viewer.importXML(xml);
    })
    .then(function () {
      var canvas = viewer.get('canvas');
      var registry = viewer.get('elementRegistry');
      var overlays = viewer.get('overlays');
      mark(registry, canvas, markers.completed, 'audit-completed');
      mark(registry, canvas, markers.active, 'audit-active');
      mark(registry, canvas, markers.terminated, 'audit-terminated');
      mark(registry, canvas, markers.incidents, 'audit-incident');
      mark(registry, canvas, markers.flows, 'audit-taken');
      Object.keys(markers.overlays || {}).forEach(function (id) {
        var element = registry.get(id);
        if (!element || element.waypoints) {
          return;
        }
        var note = document.createElement('div');
        note.className = 'audit-overlay';
        note.textContent = markers.overlays[id];
        overlays.add(id, 'audit', { position: { bottom: 0, left: 0 }, html: note });
      });
      fit(canvas);
      container.setAttribute('data-ready', 'true');
    })
    .catch(showError);
})();
