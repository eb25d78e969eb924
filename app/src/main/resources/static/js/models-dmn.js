/*
 * The DMN side of the Models editor: the dmn-js modeler (decision requirements diagram, decision
 * tables, literal expressions). Problems naming a decision are marked on it in the diagram; the
 * list's button opens that decision.
 */
(function () {
  'use strict';
  var modeler;

  function drd() {
    var viewer = modeler.getActiveViewer();
    return viewer && modeler.getActiveView().type === 'drd' ? viewer : null;
  }

  window.ReliefModelAdapter = {
    open: function (container, xml) {
      modeler = new DmnJS({ container: container });
      window.reliefModeler = modeler;
      return modeler.importXML(xml);
    },

    content: function () {
      return modeler.saveXML({ format: true }).then(function (result) { return result.xml; });
    },

    clear: function () {
      var viewer = drd();
      if (viewer) {
        var canvas = viewer.get('canvas');
        viewer.get('elementRegistry').forEach(function (element) { canvas.removeMarker(element.id, 'problem'); });
      }
    },

    mark: function (problems) {
      var viewer = drd();
      if (!viewer) {
        return;
      }
      problems.forEach(function (problem) {
        if (problem.elementId && viewer.get('elementRegistry').get(problem.elementId)) {
          viewer.get('canvas').addMarker(problem.elementId, 'problem');
        }
      });
    },

    select: function (elementId) {
      var view = modeler.getViews().filter(function (v) { return v.element.id === elementId; })[0];
      if (view) {
        modeler.open(view);
      }
    }
  };
})();
