/*
 * Two versions of a process side by side in read-only viewers: removed and changed elements are
 * marked on the old one, added and changed ones on the new one (the list below comes from the
 * server's comparison); a click on a list entry brings the element into view in both.
 */
(function () {
  'use strict';
  var page = document.getElementById('compare');
  var entries = Array.prototype.slice.call(document.querySelectorAll('#changes > li[data-element-id]'));

  function open(containerId, url, shows) {
    var viewer = new BpmnJS({ container: document.getElementById(containerId) });
    return fetch(url, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.text();
    }).then(function (xml) {
      return viewer.importXML(xml);
    }).then(function () {
      var canvas = viewer.get('canvas');
      var registry = viewer.get('elementRegistry');
      canvas.zoom('fit-viewport');
      entries.forEach(function (entry) {
        var change = entry.dataset.change;
        if (shows.indexOf(change) >= 0 && registry.get(entry.dataset.elementId)) {
          canvas.addMarker(entry.dataset.elementId, 'diff-' + change.toLowerCase());
        }
      });
      return viewer;
    }).catch(function (error) {
      document.getElementById(containerId).textContent = error.message;
      return null;
    });
  }

  Promise.all([
    open('from-canvas', page.dataset.fromUrl, ['REMOVED', 'CHANGED']),
    open('to-canvas', page.dataset.toUrl, ['ADDED', 'CHANGED'])
  ]).then(function (viewers) {
    entries.forEach(function (entry) {
      entry.querySelector('.element-link').addEventListener('click', function () {
        viewers.forEach(function (viewer) {
          var element = viewer && viewer.get('elementRegistry').get(entry.dataset.elementId);
          if (element) {
            viewer.get('canvas').scrollToElement(element);
          }
        });
      });
    });
    page.dataset.ready = 'true';
  });
})();
