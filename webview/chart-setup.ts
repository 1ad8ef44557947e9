/**
 * chart.js with the controllers, elements, scales and plugins the playground and the report page draw
 * with registered: chart.js is tree-shaken, so a chart whose pieces are not registered fails at creation.
 */
import {
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
} from 'chart.js';

Chart.register(LineController, ScatterController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend,
  Tooltip, Filler);

export { Chart };
