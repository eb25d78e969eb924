/*
 * The BPMN side of the Models editor: the bpmn-js modeler with the zeebe moddle extension, so
 * that zeebe:taskDefinition, forms, mappings and the rest survive a load and save. Problems are
 * marked on their element (a red outline and a "!" overlay holding the message).
 */
(function () {
  'use strict';
  var modeler;

  window.ReliefModelAdapter = {
    open: function (container, xml, page) {
      return fetch(page.dataset.zeebeUrl, { credentials: 'same-origin' }).then(function (response) {
        return response.json();
      }).then(function (zeebe) {
        modeler = new BpmnJS({ container: container, moddleExtensions: { zeebe: zeebe } });
        // the browser tests drive the modeler through its own API, as a person would through the UI
        window.reliefModeler = modeler;
        return modeler.importXML(xml);
      }).then(function () {
        modeler.get('canvas').zoom('fit-viewport');
      });
    },

    content: function () {
      return modeler.saveXML({ format: true }).then(function (result) { return result.xml; });
    },

    clear: function () {
      var canvas = modeler.get('canvas');
      modeler.get('elementRegistry').forEach(function (element) { canvas.removeMarker(element.id, 'problem'); });
      modeler.get('overlays').remove({ type: 'problem' });
    },

    mark: function (problems) {
      var registry = modeler.get('elementRegistry');
      var canvas = modeler.get('canvas');
      var overlays = modeler.get('overlays');
      problems.forEach(function (problem) {
        var element = problem.elementId && registry.get(problem.elementId);
        if (!element) {
          return;
        }
        canvas.addMarker(problem.elementId, 'problem');
        var badge = document.createElement('div');
        badge.className = 'problem-overlay';
        badge.textContent = '!';
        badge.title = problem.message;
        badge.dataset.elementId = problem.elementId;
        overlays.add(problem.elementId, 'problem', { position: { top: -10, right: 10 }, html: badge });
      });
    },

    select: function (elementId) {
      var element = modeler.get('elementRegistry').get(elementId);
      if (element) {
        modeler.get('selection').select(element);
        modeler.get('canvas').scrollToElement(element);
      }
    }
  };
})();
